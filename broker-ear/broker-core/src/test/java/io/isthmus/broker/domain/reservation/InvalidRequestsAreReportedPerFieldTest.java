package io.isthmus.broker.domain.reservation;

import static io.isthmus.broker.testsupport.ViBuilder.NOW;
import static io.isthmus.broker.testsupport.ViBuilder.node;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.broker.domain.reservation.VirtualInfrastructureValidator.WindowLimits;
import io.isthmus.broker.testsupport.ViBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class InvalidRequestsAreReportedPerFieldTest {
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration DAY = Duration.ofDays(1);
    /** The broker's defaults: a window ends within 366 days and lasts at most 366 days. */
    private static final WindowLimits LIMITS = new WindowLimits(366, 366);

    @Test
    void aValidRequestPasses() {
        assertDoesNotThrow(() -> VirtualInfrastructureValidator.validate(ViBuilder.valid().build(), NOW, LIMITS));
    }

    static Stream<Arguments> problems() {
        return Stream.of(
                problem("end before start",
                        b -> b.window(NOW.plus(HOUR.multipliedBy(3)), NOW.plus(HOUR.multipliedBy(2))),
                        "window.end: 2030-01-01T02:00:00Z must be after window.start 2030-01-01T03:00:00Z"),
                problem("end in the past", b -> b.window(NOW.minus(HOUR.multipliedBy(3)), NOW.minus(HOUR)),
                        "window.end: 2029-12-31T23:00:00Z is in the past"),
                problem("window ending in year 9999", b -> b.window(NOW.plus(HOUR), Instant.parse("9999-12-31T00:00:00Z")),
                        "window.end: 9999-12-31T00:00:00Z is after the horizon 2031-01-02T00:00:00Z; a window must end"
                                + " within 366 days from now"),
                problem("window starting in year 0001",
                        b -> b.window(Instant.parse("0001-01-01T00:00:00Z"), NOW.plus(HOUR)),
                        "window.start: 0001-01-01T00:00:00Z is before 1970-01-01T00:00:00Z; a window may start in the"
                                + " past (the virtual infrastructure then starts at once), but not before 1970"),
                problem("window starting in year -0001",
                        b -> b.window(Instant.parse("-0001-01-01T00:00:00Z"), NOW.plus(HOUR)),
                        "window.start: -0001-01-01T00:00:00Z is before 1970-01-01T00:00:00Z"),
                problem("window longer than the longest window",
                        b -> b.window(NOW.minus(DAY.multipliedBy(100)), NOW.plus(DAY.multipliedBy(300))),
                        "window: 2029-09-23T00:00:00Z to 2030-10-28T00:00:00Z lasts more than 366 days, the longest"
                                + " window this broker books; shorten it"),
                problem("NIC on an unknown segment", b -> b.nic(1, 1, new NicSpec("stroage", null, null)),
                        "node[1].nic[1].segment: no segment named 'stroage'"),
                problem("node declared twice", b -> b.addNode(node("web-1", 1, 512, 1)),
                        "node[2].name: node 'web-1' is declared twice"),
                problem("VLAN used twice", b -> b.segment(1, new SegmentSpec("storage", 100, null)),
                        "segment[1].vlan: VLAN 100 is used by another segment"),
                problem("multicast MAC", b -> b.nic(1, 0, new NicSpec("mgmt", "01:00:5e:00:00:01", null)),
                        "node[1].nic[0].mac: 01:00:5e:00:00:01 is a multicast address"),
                problem("MAC on two NICs", b -> b.nic(0, 0, new NicSpec("mgmt", "02:00:00:00:00:01", null)),
                        "node[1].nic[0].mac: 02:00:00:00:00:01 is given to two NICs"),
                problem("IPv4 outside the segment's CIDR", b -> b.nic(0, 0, new NicSpec("mgmt", null, "10.0.1.5")),
                        "node[0].nic[0].ipv4: 10.0.1.5 is outside segment 'mgmt' 10.0.0.0/24"),
                problem("same IPv4 on two NICs of one segment",
                        b -> b.nic(1, 0, new NicSpec("mgmt", "02:00:00:00:00:01", "10.0.0.10")),
                        "node[1].nic[0].ipv4: 10.0.0.10 is already given to node[0].nic[0] on segment 'mgmt'; give"
                                + " each NIC of a segment its own address"),
                problem("IPv4 that is no address, on a segment without CIDR",
                        b -> b.nic(1, 1, new NicSpec("storage", null, "10.0.0.300")),
                        "node[1].nic[1].ipv4: '10.0.0.300' is not an IPv4 address"),
                problem("IPv4 is the segment's network address", b -> b.nic(0, 0, new NicSpec("mgmt", null, "10.0.0.0")),
                        "node[0].nic[0].ipv4: 10.0.0.0 is the network address of segment 'mgmt' 10.0.0.0/24; use a"
                                + " host address from 10.0.0.1 to 10.0.0.254"),
                problem("IPv4 is the segment's broadcast address",
                        b -> b.nic(0, 0, new NicSpec("mgmt", null, "10.0.0.255")),
                        "node[0].nic[0].ipv4: 10.0.0.255 is the broadcast address of segment 'mgmt' 10.0.0.0/24; use a"
                                + " host address from 10.0.0.1 to 10.0.0.254"),
                problem("IPv4 is the broadcast address of a /30 whose CIDR has host bits set",
                        b -> b.segment(0, new SegmentSpec("mgmt", 100, "10.0.0.9/30"))
                                .nic(1, 0, new NicSpec("mgmt", null, "10.0.0.11")),
                        "node[1].nic[0].ipv4: 10.0.0.11 is the broadcast address of segment 'mgmt' 10.0.0.9/30; use a"
                                + " host address from 10.0.0.9 to 10.0.0.10"),
                problem("segment prefix a site cannot configure",
                        b -> b.segment(0, new SegmentSpec("mgmt", 100, "10.0.0.10/31")),
                        "segment[0].cidr: 10.0.0.10/31 has prefix length 31; a segment's prefix length must be 8 to 30"),
                problem("link to an unknown node", b -> b.link("web-1", "ghost"),
                        "link[1].nodes: no node named 'ghost'"),
                problem("affinity group with an unknown node", b -> b.affinity("together", "web-1", "ghost"),
                        "affinityGroup[together]: no node named 'ghost'"),
                problem("anti-affinity group with an unknown node", b -> b.antiAffinity("spread", "ghost", "db-1"),
                        "antiAffinityGroup[spread]: no node named 'ghost'"),
                problem("affinity group naming a node twice", b -> b.affinity("together", "web-1", "db-1", "web-1"),
                        "affinityGroup[together]: node 'web-1' is named twice; name each node once"),
                problem("anti-affinity group naming a node twice", b -> b.antiAffinity("spread", "db-1", "db-1"),
                        "antiAffinityGroup[spread]: node 'db-1' is named twice; name each node once"),
                problem("unknown tunnel kind", b -> b.gateway(new GatewaySpec("gw-req", "ipsec")),
                        "requesterGateway.tunnelKind: 'ipsec' is not one of"),
                problem("gateway id not a name", b -> b.gateway(new GatewaySpec("gw;req", "vxlan")),
                        "requesterGateway.id: 'gw;req' must be"));
    }

    private static Arguments problem(String what, UnaryOperator<ViBuilder> change, String expectedDetail) {
        return Arguments.of(what, change, expectedDetail);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("problems")
    void eachProblemIsReportedAloneWithItsFieldPath(String what, UnaryOperator<ViBuilder> change,
                                                   String expectedDetail) {
        VirtualInfrastructureSpec vi = change.apply(ViBuilder.valid()).build();
        var e = assertThrows(ValidationException.class, () -> VirtualInfrastructureValidator.validate(vi, NOW, LIMITS));
        assertEquals(FaultKind.VALIDATION, e.kind());
        assertEquals(1, e.details().size(), () -> "details: " + e.details());
        assertTrue(e.details().get(0).startsWith(expectedDetail), () -> "detail: " + e.details().get(0));
        assertTrue(e.getMessage().contains(e.details().get(0)), e.getMessage());
    }

    @Test
    void aWindowMayStartInThePastAndReachTheHorizonAndTheLongestLength() {
        assertDoesNotThrow(() -> VirtualInfrastructureValidator.validate(
                ViBuilder.valid().window(NOW.minus(HOUR), NOW.plus(HOUR)).build(), NOW, LIMITS));
        assertDoesNotThrow(() -> VirtualInfrastructureValidator.validate(
                ViBuilder.valid().window(NOW, NOW.plus(DAY.multipliedBy(366))).build(), NOW, LIMITS));
    }

    @Test
    void theConfiguredLimitsApply() {
        VirtualInfrastructureSpec month = ViBuilder.valid().window(NOW.plus(DAY), NOW.plus(DAY.multipliedBy(32))).build();
        assertDoesNotThrow(() -> VirtualInfrastructureValidator.validate(month, NOW, LIMITS));

        var tooLong = assertThrows(ValidationException.class,
                () -> VirtualInfrastructureValidator.validate(month, NOW, new WindowLimits(3650, 30)));
        assertEquals(List.of("window: 2030-01-02T00:00:00Z to 2030-02-02T00:00:00Z lasts more than 30 days, the longest"
                + " window this broker books; shorten it"), tooLong.details());

        var tooFar = assertThrows(ValidationException.class,
                () -> VirtualInfrastructureValidator.validate(month, NOW, new WindowLimits(7, 366)));
        assertEquals(List.of("window.end: 2030-02-02T00:00:00Z is after the horizon 2030-01-08T00:00:00Z; a window must"
                + " end within 7 days from now"), tooFar.details());
    }

    @Test
    void limitsArePositive() {
        assertEquals("window limits must be positive numbers of days, not horizon 0 and maximum length 366",
                assertThrows(IllegalArgumentException.class, () -> new WindowLimits(0, 366)).getMessage());
    }

    @Test
    void theSameAddressOnDifferentSegmentsIsAllowed() {
        // Segments are isolated layer-2 networks: each may reuse another's IP plan.
        VirtualInfrastructureSpec vi = ViBuilder.valid().nic(1, 1, new NicSpec("storage", null, "10.0.0.10")).build();
        assertDoesNotThrow(() -> VirtualInfrastructureValidator.validate(vi, NOW, LIMITS));
    }

    @Test
    void bothHostAddressesOfASlash30AreAllowed() {
        VirtualInfrastructureSpec slash30 = ViBuilder.valid().segment(0, new SegmentSpec("mgmt", 100, "10.0.0.8/30"))
                .nic(1, 0, new NicSpec("mgmt", null, "10.0.0.9")).build(); // and node 0 has 10.0.0.10
        assertDoesNotThrow(() -> VirtualInfrastructureValidator.validate(slash30, NOW, LIMITS));
    }

    @Test
    void severalProblemsAreReportedTogether() {
        VirtualInfrastructureSpec vi = ViBuilder.valid()
                .window(NOW.minus(HOUR.multipliedBy(3)), NOW.minus(HOUR))
                .nic(1, 1, new NicSpec("stroage", null, null))
                .gateway(new GatewaySpec("gw-req", "ipsec"))
                .build();
        var e = assertThrows(ValidationException.class, () -> VirtualInfrastructureValidator.validate(vi, NOW, LIMITS));
        List<String> fields = e.details().stream().map(d -> d.substring(0, d.indexOf(':'))).toList();
        assertEquals(List.of("window.end", "node[1].nic[1].segment", "requesterGateway.tunnelKind"), fields);
        assertTrue(e.getMessage().contains("has 3 problem(s)"), e.getMessage());
    }
}
