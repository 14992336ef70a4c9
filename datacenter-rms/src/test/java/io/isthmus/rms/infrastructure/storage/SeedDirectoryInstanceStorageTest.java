package io.isthmus.rms.infrastructure.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.rms.domain.compute.DomainName;
import io.isthmus.rms.domain.compute.GuestConfig;
import io.isthmus.rms.domain.compute.InstanceDisks;
import io.isthmus.rms.domain.reservation.ImageRef;
import io.isthmus.rms.domain.reservation.NodeName;
import io.isthmus.rms.domain.reservation.ReservationId;
import io.isthmus.rms.domain.site.HostName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test-driver hosts' VM files: a real seed and console log per VM, read back and deleted. */
class SeedDirectoryInstanceStorageTest {

    private static final HostName A1 = new HostName("a1");
    private static final DomainName VM = DomainName.of(new ReservationId("3f2c1a9e-0b7d-4c61-9f1e-2a6d8c4b5e70"),
            new NodeName("vm-1"));

    @TempDir
    Path root;

    @Test
    void theConsoleTailIsTheLogsLastBytesAndGoesWithTheVm() throws Exception {
        SeedDirectoryInstanceStorage storage = new SeedDirectoryInstanceStorage(root);
        assertEquals(Optional.empty(), storage.consoleTail(A1, VM, 64), "no VM, no console log");

        InstanceDisks disks = storage.prepare(A1, VM, new ImageRef("isthmus-test"), 1,
                new GuestConfig(VM, new NodeName("vm-1"), List.of()));
        assertTrue(Files.readString(disks.seed().resolve("meta-data")).contains("vm-1"));
        assertEquals(Optional.of(""), storage.consoleTail(A1, VM, 64), "an empty log");
        Files.writeString(disks.consoleLog(), "SeaBIOS\nLinux version 6.1\nlogin: ");
        assertEquals(Optional.of("login: "), storage.consoleTail(A1, VM, 7));
        assertEquals(Set.of(VM), storage.present(A1));

        storage.delete(A1, VM);
        assertEquals(Optional.empty(), storage.consoleTail(A1, VM, 64));
        assertEquals(Set.of(), storage.present(A1));
    }
}
