package io.isthmus.rms.infrastructure.standin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.rms.domain.segment.Ipv4Interface;
import io.isthmus.rms.domain.segment.MacAddress;
import io.isthmus.rms.domain.segment.SegmentException;
import io.isthmus.rms.domain.segment.Vni;
import io.isthmus.rms.infrastructure.command.CommandResult;
import io.isthmus.rms.infrastructure.segment.EmulatedSite;
import io.isthmus.rms.infrastructure.segment.LinuxBridgeSegmentDriver;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Packets, not state: two emulated hosts carry segments 101 and 202 through the site gateway, and VM
 * stand-ins on them ping each other only within a segment. Segment 202 reuses segment 101's subnet and one of
 * its addresses, as two tenants may. Needs root.
 */
class StandInsAcrossTheGatewayTest {

    private static final Vni BLUE = new Vni(101);
    private static final Vni RED = new Vni(202);

    private EmulatedSite site;
    private LinuxBridgeSegmentDriver segments1;
    private LinuxBridgeSegmentDriver segments2;
    private VethStandInDriver standIns1;
    private VethStandInDriver standIns2;
    private final List<StandInId> created = new ArrayList<>();
    private Set<StandInId> standInsBefore;

    @BeforeEach
    void buildSite() {
        site = EmulatedSite.createAsRoot();
        segments1 = new LinuxBridgeSegmentDriver(site.runner, Optional.of(site.host1));
        segments2 = new LinuxBridgeSegmentDriver(site.runner, Optional.of(site.host2));
        standIns1 = new VethStandInDriver(site.runner, Optional.of(site.host1));
        standIns2 = new VethStandInDriver(site.runner, Optional.of(site.host2));
        standInsBefore = standIns1.present();
        for (Vni vni : List.of(BLUE, RED)) {
            site.gatewayCarries(vni);
            segments1.ensure(site.portOnHost1(vni));
            segments2.ensure(site.portOnHost2(vni));
        }
    }

    @AfterEach
    void deleteEverything() {
        if (site == null) {
            return;
        }
        for (StandInId id : created) {
            site.runner.run(List.of("ip", "netns", "del", id.namespace().value()));
        }
        site.close();
    }

    private VmStandIn vm(String mac, Vni vni, String cidr) {
        VmStandIn vm = VmStandIn.of(UUID.randomUUID(),
                List.of(StandInNic.of(0, vni, new MacAddress(mac), Optional.of(Ipv4Interface.parse(cidr)))));
        created.add(vm.id());
        return vm;
    }

    private CommandResult ping(VmStandIn from, String address) {
        return site.runner.run(List.of("ip", "netns", "exec", from.id().namespace().value(),
                "ping", "-c", "2", "-W", "2", address));
    }

    private String neighbour(VmStandIn of, String address) {
        return site.must("ip", "-n", of.id().namespace().value(), "neigh", "show", address);
    }

    @Test
    void standInsOnOneSegmentReachEachOtherAcrossHostsAndOthersDoNot() {
        VmStandIn blue1 = vm("52:54:00:00:01:01", BLUE, "10.0.0.1/24");
        VmStandIn blue2 = vm("52:54:00:00:01:02", BLUE, "10.0.0.2/24");
        VmStandIn red1 = vm("52:54:00:00:02:01", RED, "10.0.0.2/24");
        VmStandIn red2 = vm("52:54:00:00:02:03", RED, "10.0.0.3/24");
        standIns1.attach(blue1);
        standIns2.attach(blue2);
        standIns1.attach(red1);
        standIns2.attach(red2);

        CommandResult blue = ping(blue1, "10.0.0.2");
        assertTrue(blue.succeeded(), "blue 1 on host 1 reaches blue 2 on host 2: " + blue.describe());
        assertTrue(neighbour(blue1, "10.0.0.2").contains("lladdr 52:54:00:00:01:02"), "ARP answers with blue 2's MAC,"
                + " not red 1's, which has the same address: " + neighbour(blue1, "10.0.0.2"));

        CommandResult red = ping(red2, "10.0.0.2");
        assertTrue(red.succeeded(), "red 2 on host 2 reaches red 1 on host 1: " + red.describe());
        assertTrue(neighbour(red2, "10.0.0.2").contains("lladdr 52:54:00:00:02:01"), neighbour(red2, "10.0.0.2"));

        CommandResult crossing = ping(red2, "10.0.0.1");
        assertFalse(crossing.succeeded(), "red reaches no blue stand-in: " + crossing.stdout());
        assertFalse(neighbour(red2, "10.0.0.1").contains("lladdr"), neighbour(red2, "10.0.0.1"));
        assertFalse(ping(blue1, "10.0.0.3").succeeded(), "blue reaches no red stand-in");
    }

    @Test
    void attachingTwiceChangesNothingAndDetachAndRemoveLeaveNothingBehind() {
        List<String> host1Before = site.isthmusLinks(site.host1);
        VmStandIn blue1 = vm("52:54:00:00:01:01", BLUE, "10.0.0.1/24");
        VmStandIn blue2 = vm("52:54:00:00:01:02", BLUE, "10.0.0.2/24");
        standIns1.attach(blue1);
        standIns2.attach(blue2);
        String port = blue1.id().hostPort(0);
        String hostSide = site.in(site.host1, "ip", "-o", "link", "show", "dev", port);
        String vmSide = site.must("ip", "-n", blue1.id().namespace().value(), "-o", "addr", "show", "dev", "eth0");

        standIns1.attach(blue1);

        assertEquals(hostSide.replaceAll(" state [A-Z]+ ", " "), site.in(site.host1, "ip", "-o", "link", "show",
                "dev", port).replaceAll(" state [A-Z]+ ", " "), "the same veth, still on its bridge");
        assertEquals(vmSide.replaceAll("valid_lft.*", ""), site.must("ip", "-n", blue1.id().namespace().value(), "-o",
                "addr", "show", "dev", "eth0").replaceAll("valid_lft.*", ""));
        assertTrue(hostSide.contains("master isbr101"), hostSide);
        assertTrue(standIns1.present().containsAll(Set.of(blue1.id(), blue2.id())));
        assertTrue(ping(blue1, "10.0.0.2").succeeded(), "still connected after the second attach");

        for (StandInId id : List.of(blue1.id(), blue2.id())) {
            standIns1.detach(id);
            standIns2.detach(id);
            standIns1.detach(id);
        }
        for (Vni vni : List.of(BLUE, RED)) {
            segments1.remove(vni);
            segments2.remove(vni);
        }

        assertEquals(List.of("isbr101", "isbr202", "ishx101", "ishx202"), host1Before);
        assertEquals(List.of(), site.isthmusLinks(site.host1));
        assertEquals(List.of(), site.isthmusLinks(site.host2));
        assertEquals(standInsBefore, standIns1.present(), "no isvm- namespace is left");
    }

    @Test
    void aStandInOnASegmentTheHostDoesNotCarryIsRefusedBeforeAnythingIsCreated() {
        VmStandIn stray = vm("52:54:00:00:03:01", new Vni(303), "10.0.0.9/24");

        SegmentException refused = assertThrows(SegmentException.class, () -> standIns1.attach(stray));

        assertTrue(refused.getMessage().contains("ensure the segment on this host"), refused.getMessage());
        assertEquals(standInsBefore, standIns1.present());
        assertEquals(List.of("isbr101", "isbr202", "ishx101", "ishx202"), site.isthmusLinks(site.host1));
    }
}
