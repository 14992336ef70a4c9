package io.isthmus.examples.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.schema.v1.Node;
import io.isthmus.schema.v1.VirtualInfrastructure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ViDocumentTest {

    private static final Path EXAMPLE = Path.of("two-site-vi.xml");

    @Test
    void theShippedExampleIsAValidFourNodeTwoSegmentVi() {
        VirtualInfrastructure vi = ViDocument.read(EXAMPLE);

        assertEquals("t1", vi.getTenant());
        assertEquals(List.of("controller", "compute-1", "compute-2", "compute-3"),
                vi.getNode().stream().map(Node::getName).toList());
        for (Node node : vi.getNode()) {
            assertEquals(8, node.getVcpus());
            assertEquals(12288, node.getMemoryMib());
            assertEquals(40, node.getDiskGib());
            assertEquals(List.of("mgmt", "data"), node.getNic().stream().map(n -> n.getSegment()).toList());
        }
        assertEquals(100, vi.getSegment().get(0).getVlan());
        assertEquals("10.0.0.0/24", vi.getSegment().get(0).getCidr());
        assertEquals(200, vi.getSegment().get(1).getVlan());
        assertEquals("gw-req", vi.getRequesterGateway().getId());
    }

    @Test
    void aDocumentBreakingTheSchemaIsRefusedSayingWhatIsWrong(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.xml");
        Files.writeString(file, Files.readString(EXAMPLE).replace("<vlan>200</vlan>", "<vlan>5000</vlan>"));

        InvalidViDocumentException refused = assertThrows(InvalidViDocumentException.class, () -> ViDocument.read(file));

        assertTrue(refused.getMessage().contains("5000"), refused.getMessage());
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("nope.xml");

        InvalidViDocumentException refused = assertThrows(InvalidViDocumentException.class,
                () -> ViDocument.read(missing));

        assertTrue(refused.getMessage().contains(missing.toString()));
    }

    @Test
    void startingNowMovesTheWindowToNowForTheGivenLength() {
        VirtualInfrastructure vi = ViDocument.read(EXAMPLE);
        Instant now = Instant.parse("2031-05-06T07:08:09.750Z");

        ViDocument.startingNow(vi, now, Duration.ofHours(1));

        assertEquals(Instant.parse("2031-05-06T07:08:09Z"),
                vi.getWindow().getStart().toGregorianCalendar().toInstant());
        assertEquals(Instant.parse("2031-05-06T08:08:09Z"),
                vi.getWindow().getEnd().toGregorianCalendar().toInstant());
    }
}
