package io.isthmus.rms.infrastructure.dataplane;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.isthmus.rms.domain.reservation.ImageRef;
import io.isthmus.rms.domain.reservation.NicSpec;
import io.isthmus.rms.domain.reservation.NodeName;
import io.isthmus.rms.domain.reservation.NodeSpec;
import io.isthmus.rms.domain.reservation.PlacedNode;
import io.isthmus.rms.domain.reservation.ReservationId;
import io.isthmus.rms.domain.segment.MacAddress;
import io.isthmus.rms.domain.segment.Vni;
import io.isthmus.rms.domain.site.HostName;
import io.isthmus.rms.infrastructure.standin.StandInNic;
import io.isthmus.rms.infrastructure.standin.VmStandIn;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A booked node's stand-in carries each NIC's address with the segment's real prefix. */
class StandInsTest {

    private final ReservationId reservation = new ReservationId("3f2c1a9e-0b7d-4c61-9f1e-2a6d8c4b5e70");

    @Test
    void eachStandInNicHasItsSegmentsPrefixAndSlashTwentyFourOnlyWhenTheBrokerGaveNone() {
        PlacedNode node = new PlacedNode(new NodeSpec(new NodeName("vm-1"), 1, 1024, 10, new ImageRef("debian-12"),
                false, Optional.empty(), List.of(
                        new NicSpec("wide", new Vni(5), new MacAddress("52:54:00:00:00:01"), Optional.of("10.8.3.4"),
                                16, Optional.empty()),
                        new NicSpec("narrow", new Vni(6), new MacAddress("52:54:00:00:00:02"),
                                Optional.of("192.168.7.9"), 29, Optional.empty()),
                        new NicSpec("plain", new Vni(7), new MacAddress("52:54:00:00:00:03"), Optional.of("10.0.0.5")),
                        new NicSpec("bare", new Vni(8), new MacAddress("52:54:00:00:00:04"), Optional.empty()))),
                new HostName("a1"));

        VmStandIn standIn = StandIns.of(reservation, node);

        assertEquals(List.of("10.8.3.4/16", "192.168.7.9/29", "10.0.0.5/24", "none"), standIn.nics().stream()
                .map(StandInNic::ipv4).map(ip -> ip.map(Object::toString).orElse("none")).toList());
        assertEquals(standIn.id().hostPort(1), StandIns.hostPort(reservation, node, 1).value(),
                "NIC 1 is shaped on the port its stand-in plugs into the segment");
    }
}
