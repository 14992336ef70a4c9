package io.isthmus.rms.infrastructure.dataplane;

import io.isthmus.rms.domain.compute.DomainName;
import io.isthmus.rms.domain.qos.VifId;
import io.isthmus.rms.domain.reservation.NicSpec;
import io.isthmus.rms.domain.reservation.PlacedNode;
import io.isthmus.rms.domain.reservation.ReservationId;
import io.isthmus.rms.domain.segment.Vni;
import io.isthmus.rms.infrastructure.standin.StandInId;
import io.isthmus.rms.infrastructure.standin.StandInNic;
import io.isthmus.rms.infrastructure.standin.VmStandIn;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The stand-in of a booked node, named only from ids: its id is the start of a name-based UUID of the node's
 * libvirt domain name, so the RMS can find it again after a restart without asking libvirt. NIC {@code i} is
 * the node's {@code i}-th NIC with the broker's MAC and its IPv4 address with the segment's prefix length
 * ({@code /24} when the broker sent none), and its host-side port is where that NIC's bandwidth is shaped.
 */
final class StandIns {

    private StandIns() {
    }

    static StandInId id(ReservationId reservation, PlacedNode node) {
        String domain = DomainName.of(reservation, node.name()).value();
        return StandInId.of(UUID.nameUUIDFromBytes(("isthmus-stand-in:" + domain).getBytes(StandardCharsets.UTF_8)));
    }

    static VmStandIn of(ReservationId reservation, PlacedNode node) {
        List<StandInNic> nics = new ArrayList<>();
        List<NicSpec> specs = node.spec().nics();
        for (int i = 0; i < specs.size(); i++) {
            NicSpec nic = specs.get(i);
            nics.add(StandInNic.of(i, nic.vni(), nic.mac(), nic.ipv4Interface()));
        }
        return new VmStandIn(id(reservation, node), nics);
    }

    /** The host-side port of the node's NIC {@code nicIndex}. */
    static VifId hostPort(ReservationId reservation, PlacedNode node, int nicIndex) {
        return new VifId(id(reservation, node).hostPort(nicIndex));
    }

    static Set<Vni> vnis(PlacedNode node) {
        Set<Vni> vnis = new LinkedHashSet<>();
        node.spec().nics().forEach(nic -> vnis.add(nic.vni()));
        return vnis;
    }

    static boolean hasAddresses(PlacedNode node) {
        return node.spec().nics().stream().allMatch(nic -> nic.ipv4().isPresent());
    }
}
