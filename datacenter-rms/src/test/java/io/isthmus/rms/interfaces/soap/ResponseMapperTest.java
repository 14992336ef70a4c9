package io.isthmus.rms.interfaces.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.rms.application.reservation.NodeView;
import io.isthmus.rms.domain.compute.DomainName;
import io.isthmus.rms.domain.compute.DomainRunState;
import io.isthmus.rms.domain.reservation.NodeName;
import io.isthmus.rms.domain.reservation.ReservationId;
import io.isthmus.rms.domain.site.HostName;
import io.isthmus.schema.site.v1.SiteNodeStatus;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResponseMapperTest {

    private static final NodeName NODE = new NodeName("vm-1");
    private static final DomainName DOMAIN = DomainName.of(
            new ReservationId("3f2c1a9e-0b7d-4c61-9f1e-2a6d8c4b5e70"), NODE);

    private static NodeView view(Optional<String> problem) {
        return new NodeView(NODE, new HostName("a1"), DOMAIN, DomainRunState.ABSENT, List.of(), Optional.empty(),
                Optional.empty(), problem);
    }

    @Test
    void aNodesProblemReachesTheStatusXmlSafeAndWithinTheSchemasLength() {
        assertNull(ResponseMapper.node(view(Optional.empty())).getProblem(), "no problem, no element");

        SiteNodeStatus reported = ResponseMapper.node(view(Optional.of(
                "its domain was gone after a restart and could not be restored: \u001b[1mno such image\u001b[0m")));
        assertEquals("its domain was gone after a restart and could not be restored: [1mno such image[0m",
                reported.getProblem());

        String longProblem = "x".repeat(65_534) + "\uD83D\uDE00" + "tail";
        String cut = ResponseMapper.node(view(Optional.of(longProblem))).getProblem();
        assertTrue(cut.length() <= 65_536, "length " + cut.length());
        assertTrue(cut.endsWith("x\u2026"), "cut before the surrogate pair, never inside it");
    }
}
