package io.isthmus.gateway.application.stitch;

import io.isthmus.gateway.testsupport.TestWindows;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.gateway.domain.shared.ConflictException;
import io.isthmus.gateway.domain.shared.GatewayId;
import io.isthmus.gateway.domain.shared.InvalidRequestException;
import io.isthmus.gateway.domain.shared.Ipv4Address;
import io.isthmus.gateway.domain.shared.ReservationId;
import io.isthmus.gateway.domain.shared.TransactionId;
import io.isthmus.gateway.domain.shared.UnavailableException;
import io.isthmus.gateway.domain.stitch.Booking;
import io.isthmus.gateway.domain.stitch.SegmentName;
import io.isthmus.gateway.domain.stitch.StitchSpec;
import io.isthmus.gateway.domain.stitch.VlanId;
import io.isthmus.gateway.domain.stitch.Vni;
import io.isthmus.gateway.domain.tunnel.TunnelKind;
import io.isthmus.gateway.domain.tunnel.TunnelKindSupport;
import io.isthmus.gateway.domain.tunnel.UdpPortRange;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The rules a prepare must pass, on plain values (no kernel involved). */
class PrepareValidatorTest {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private static final List<TunnelKindSupport> KINDS = List.of(TunnelKindSupport.available(TunnelKind.VXLAN),
            TunnelKindSupport.unavailable(TunnelKind.GRETAP, "the kernel has no gretap support"));
    private final PrepareValidator validator = new PrepareValidator(new GatewayProfile(new GatewayId("gw-req"),
            new Ipv4Address("198.51.100.1"), true, Set.of(new VlanId(200)), UdpPortRange.DEFAULT));

    private static StitchSpec spec(String segment, int vni, TunnelKind kind, Integer vlan) {
        return new StitchSpec(new SegmentName(segment), new Vni(vni), kind, Optional.ofNullable(vlan).map(VlanId::new),
                List.of(new Ipv4Address("198.51.100.2")));
    }

    private static ReservationId id() {
        return new ReservationId(UUID.randomUUID().toString());
    }

    private void validate(List<StitchSpec> specs, Optional<String> vlanProblem, List<Booking> others) {
        validator.validate(id(), TestWindows.LONG, NOW.plusSeconds(60), NOW, specs, KINDS, vlanProblem, others);
    }

    @Test
    void aVlanUsedOnTheTrunkByAnotherReservationIsAConflictNamingIt() {
        ReservationId holder = id();
        Booking other = Booking.held(holder, new TransactionId(UUID.randomUUID().toString()), TestWindows.LONG,
                NOW.plusSeconds(60), List.of(spec("web", 5001, TunnelKind.VXLAN, 100)));
        ConflictException e = assertThrows(ConflictException.class,
                () -> validate(List.of(spec("db", 5002, TunnelKind.VXLAN, 100)), Optional.empty(), List.of(other)));
        assertTrue(e.getMessage().contains("VLAN 100 of gateway gw-req is already booked by reservation "
                + holder + " (segment web) over " + TestWindows.LONG), e.getMessage());
    }

    @Test
    void anUnavailableKindIsRefusedWithItsProbedReason() {
        UnavailableException e = assertThrows(UnavailableException.class,
                () -> validate(List.of(spec("web", 5001, TunnelKind.GRETAP, null)), Optional.empty(), List.of()));
        assertTrue(e.getMessage().equals(
                "tunnel kind gretap is not available at gateway gw-req: the kernel has no gretap support"), e.getMessage());
        UnavailableException openvpn = assertThrows(UnavailableException.class,
                () -> validate(List.of(spec("web", 5001, TunnelKind.OPENVPN, null)), Optional.empty(), List.of()));
        assertTrue(openvpn.getMessage().contains("no driver for it"), openvpn.getMessage());
    }

    @Test
    void aVlanTheKernelCannotBridgeIsUnavailable() {
        UnavailableException e = assertThrows(UnavailableException.class,
                () -> validate(List.of(spec("web", 5001, TunnelKind.VXLAN, 100)),
                        Optional.of("the kernel has no 802.1Q VLAN support"), List.of()));
        assertTrue(e.getMessage().contains("from its trunk: the kernel has no 802.1Q VLAN support"), e.getMessage());
    }

    @Test
    void aVlanWithAnAccessPortNeedsNoTrunkThatCanTag() {
        validate(List.of(spec("web", 5001, TunnelKind.VXLAN, 200)), Optional.of("the kernel has no 802.1Q VLAN support"),
                List.of());
        PrepareValidator noTrunk = new PrepareValidator(new GatewayProfile(new GatewayId("gw-a"),
                new Ipv4Address("198.51.100.3"), false, Set.of(new VlanId(200)), UdpPortRange.DEFAULT));
        noTrunk.validate(id(), TestWindows.LONG, NOW.plusSeconds(60), NOW, List.of(spec("web", 5001, TunnelKind.VXLAN, 200)), KINDS,
                Optional.of("gateway gw-a has no trunk configured (gateway.trunk)"), List.of());
    }

    @Test
    void aVlanWithNeitherTrunkNorAccessPortIsInvalidNamingBothKeys() {
        PrepareValidator noTrunk = new PrepareValidator(new GatewayProfile(new GatewayId("gw-a"),
                new Ipv4Address("198.51.100.3"), false, Set.of(new VlanId(200)), UdpPortRange.DEFAULT));
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> noTrunk.validate(id(), TestWindows.LONG,
                NOW.plusSeconds(60), NOW, List.of(spec("web", 5001, TunnelKind.VXLAN, 100)), KINDS,
                Optional.of("gateway gw-a has no trunk configured (gateway.trunk)"), List.of()));
        assertTrue(e.getMessage().startsWith("gateway gw-a cannot deliver VLAN 100 of segment web"), e.getMessage());
        assertTrue(e.getMessage().contains("gateway.trunk") && e.getMessage().contains("gateway.accessPorts"),
                e.getMessage());
    }

    @Test
    void anOpenvpnStitchReachesAtMostAHundredPeers() {
        List<Ipv4Address> peers = java.util.stream.IntStream.range(0, 101)
                .mapToObj(i -> new Ipv4Address("10.0." + (i / 200) + "." + (i % 200 + 2))).toList();
        StitchSpec many = new StitchSpec(new SegmentName("web"), new Vni(16_777_215), TunnelKind.OPENVPN,
                Optional.empty(), peers);
        List<TunnelKindSupport> kinds = List.of(TunnelKindSupport.available(TunnelKind.OPENVPN));
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> validator.validate(id(), TestWindows.LONG,
                NOW.plusSeconds(60), NOW, List.of(many), kinds, Optional.empty(), List.of()));
        assertTrue(e.getMessage().contains("at most 100 peers"), e.getMessage());
        validator.validate(id(), TestWindows.LONG, NOW.plusSeconds(60), NOW, List.of(new StitchSpec(new SegmentName("web"),
                new Vni(16_777_215), TunnelKind.OPENVPN, Optional.empty(), peers.subList(0, 100))), kinds,
                Optional.empty(), List.of());
    }

    @Test
    void duplicatesInsideOneRequestAreInvalid() {
        assertThrows(InvalidRequestException.class, () -> validate(List.of(spec("a", 5001, TunnelKind.VXLAN, null),
                spec("b", 5001, TunnelKind.VXLAN, null)), Optional.empty(), List.of()));
        assertThrows(InvalidRequestException.class, () -> validate(List.of(spec("a", 5001, TunnelKind.VXLAN, 7),
                spec("b", 5002, TunnelKind.VXLAN, 7)), Optional.empty(), List.of()));
    }
}
