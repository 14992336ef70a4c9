package io.isthmus.rms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.isthmus.rms.application.reservation.PrepareCommand;
import io.isthmus.rms.domain.reservation.BookingState;
import io.isthmus.rms.domain.reservation.ImageRef;
import io.isthmus.rms.domain.reservation.NodeName;
import io.isthmus.rms.domain.reservation.NodeSpec;
import io.isthmus.rms.domain.reservation.ReservationId;
import io.isthmus.rms.domain.reservation.TransactionId;
import io.isthmus.rms.domain.site.InvalidRequestException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The site's image catalog (its image directory) as capacity reports it and as prepare enforces it. */
class ImageCatalogComponentTest {

    @TempDir
    Path dataDir;
    private final Instant now = Instant.now();
    private RmsComponents site;

    @BeforeEach
    void openSite() {
        site = RmsComponents.open(TestSite.config(dataDir), new MutableClock(now));
    }

    @AfterEach
    void closeSite() {
        site.close();
    }

    private static NodeSpec node(String name, String image) {
        return new NodeSpec(new NodeName(name), 2, 8192, 20, new ImageRef(image), false, Optional.empty(), List.of());
    }

    private long freeMemory() {
        return site.capacity().capacity(Optional.of(TestSite.window(now))).hosts().stream()
                .mapToLong(h -> h.free().memoryMib()).sum();
    }

    private void addImage(String file) throws IOException {
        Files.createFile(dataDir.resolve("images").resolve(file));
    }

    @Test
    void capacityCarriesTheImagesOfTheImageDirectoryAsTheyAreNow() throws IOException {
        assertEquals(Set.of(new ImageRef("debian-12")), site.capacity().capacity(Optional.empty()).images());

        addImage("ubuntu-24.04.qcow2");

        assertEquals(Set.of(new ImageRef("debian-12"), new ImageRef("ubuntu-24.04")),
                site.capacity().capacity(Optional.empty()).images());
    }

    @Test
    void aPrepareNamingAnImageNotInTheCatalogIsRefusedNamingNodeImageAndCatalogAndHoldsNothing() throws IOException {
        addImage("alpine-3.20.qcow2");
        ReservationId id = TestSite.newReservation();
        PrepareCommand command = TestSite.prepare(id, TestSite.newTransaction(), now, node("web-1", "debian-12"),
                node("db-1", "windows-11"));

        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> site.holds().prepare(command));

        assertEquals("node.image", e.field());
        assertEquals("node db-1 needs image 'windows-11', which is not in the image catalog of site-a (it has"
                + " alpine-3.20, debian-12); ask for an image of the catalog or place the node at another site",
                e.getMessage());
        assertEquals(BookingState.NONE, site.status().status(id).state());
        assertEquals(65536 + 32768, freeMemory(), "web-1, whose image is there, is not held either");
    }

    @Test
    void everyNodeWithoutItsImageIsNamedAndAnEmptyCatalogSaysSo() throws IOException {
        Files.delete(dataDir.resolve("images/debian-12.qcow2"));

        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> site.holds().prepare(
                TestSite.prepare(TestSite.newReservation(), TestSite.newTransaction(), now,
                        node("web-1", "debian-12"), node("db-1", "debian-12.qcow2"))));

        assertEquals("node web-1 needs image 'debian-12' and node db-1 needs image 'debian-12.qcow2', which are not"
                + " in the image catalog of site-a (it is empty); ask for an image of the catalog or place the node"
                + " at another site", e.getMessage());
    }

    @Test
    void anImageCopiedInIsBookableAtOnceByItsNameWithOrWithoutTheQcow2Suffix() throws IOException {
        ReservationId id = TestSite.newReservation();
        TransactionId tx = TestSite.newTransaction();
        PrepareCommand command = TestSite.prepare(id, tx, now, node("web-1", "ubuntu-24.04.qcow2"),
                node("db-1", "ubuntu-24.04"));
        assertThrows(InvalidRequestException.class, () -> site.holds().prepare(command));

        addImage("ubuntu-24.04.qcow2");

        assertEquals(BookingState.HELD, site.holds().prepare(command).state());
        assertEquals(65536 + 32768 - 2 * 8192, freeMemory());
    }

    @Test
    void aRepeatedPrepareOfAStoredHoldIsAnsweredEvenIfItsImageLeftTheCatalogSince() throws IOException {
        ReservationId id = TestSite.newReservation();
        PrepareCommand command = TestSite.prepare(id, TestSite.newTransaction(), now, node("web-1", "debian-12"));
        site.holds().prepare(command);

        Files.delete(dataDir.resolve("images/debian-12.qcow2"));

        assertEquals(BookingState.HELD, site.holds().prepare(command).state(), "the same call twice acts once");
        assertEquals(65536 + 32768 - 8192, freeMemory());
    }
}
