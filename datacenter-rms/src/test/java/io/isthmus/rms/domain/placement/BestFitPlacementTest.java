package io.isthmus.rms.domain.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.isthmus.rms.domain.reservation.ImageRef;
import io.isthmus.rms.domain.reservation.NicQos;
import io.isthmus.rms.domain.reservation.NicSpec;
import io.isthmus.rms.domain.reservation.NodeName;
import io.isthmus.rms.domain.reservation.NodeSpec;
import io.isthmus.rms.domain.reservation.PlacedNode;
import io.isthmus.rms.domain.reservation.TimeWindow;
import io.isthmus.rms.domain.segment.MacAddress;
import io.isthmus.rms.domain.segment.Vni;
import io.isthmus.rms.domain.site.Host;
import io.isthmus.rms.domain.site.HostName;
import io.isthmus.rms.domain.site.Resources;
import io.isthmus.rms.domain.site.SiteId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class BestFitPlacementTest {

    private static final TimeWindow WINDOW = new TimeWindow(Instant.parse("2030-01-01T00:00:00Z"),
            Instant.parse("2030-01-01T02:00:00Z"));
    private static final Host BIG = new Host(new HostName("a1"), new Resources(16, 65536, 500, 10_000), true);
    private static final Host SMALL = new Host(new HostName("a2"), new Resources(8, 32768, 250, 10_000), false);
    private final BestFitPlacement placement = new BestFitPlacement(new SiteId("site-a"));

    private static NodeSpec node(String name, int memoryMib, boolean nested, String host) {
        return new NodeSpec(new NodeName(name), 2, memoryMib, 10, new ImageRef("debian-12"), nested,
                Optional.ofNullable(host).map(HostName::new), List.of());
    }

    private static NodeSpec guaranteed(String name, int memoryMib, String host, int... minMbps) {
        List<NicSpec> nics = new ArrayList<>();
        for (int i = 0; i < minMbps.length; i++) {
            nics.add(new NicSpec("lan", new Vni(100), new MacAddress("52:54:00:00:01:0" + i), Optional.empty(),
                    NicSpec.DEFAULT_PREFIX_LENGTH,
                    Optional.of(new NicQos(3, minMbps[i], OptionalInt.empty(), OptionalInt.empty()))));
        }
        return new NodeSpec(new NodeName(name), 2, memoryMib, 10, new ImageRef("debian-12"), false,
                Optional.ofNullable(host).map(HostName::new), nics);
    }

    private static List<HostCalendar> empty() {
        return List.of(new HostCalendar(BIG, List.of()), new HostCalendar(SMALL, List.of()));
    }

    @Test
    void bestFitPicksTheHostThatKeepsLeastMemoryFree() {
        List<PlacedNode> placed = placement.place(List.of(node("web", 8192, false, null)), empty(), WINDOW);
        assertEquals("a2", placed.get(0).host().value());
    }

    @Test
    void nestedNodesOnlyGoWhereNestedVirtualisationIsOffered() {
        List<PlacedNode> placed = placement.place(List.of(node("hv", 8192, true, null)), empty(), WINDOW);
        assertEquals("a1", placed.get(0).host().value());
    }

    @Test
    void nodesOfOneRequestDoNotShareTheSameFreeMemory() {
        List<PlacedNode> placed = placement.place(
                List.of(node("x", 30000, false, null), node("y", 30000, false, null), node("z", 30000, false, null)),
                empty(), WINDOW);
        assertEquals(2, placed.stream().filter(p -> p.host().value().equals("a1")).count());
        assertEquals(1, placed.stream().filter(p -> p.host().value().equals("a2")).count());
        assertEquals(List.of("x", "y", "z"), placed.stream().map(p -> p.name().value()).toList());
    }

    @Test
    void aRequestedHostIsHonoured() {
        List<PlacedNode> placed = placement.place(List.of(node("web", 1024, false, "a1")), empty(), WINDOW);
        assertEquals("a1", placed.get(0).host().value());
    }

    @Test
    void tooBigANodeIsRefusedWithNodeNameAndNumbers() {
        List<HostCalendar> busy = List.of(
                new HostCalendar(BIG, List.of(new Booked(WINDOW, new Resources(2, 32768, 10, 0)))),
                new HostCalendar(SMALL, List.of()));
        InsufficientCapacityException e = assertThrows(InsufficientCapacityException.class,
                () -> placement.place(List.of(node("db-1", 65536, true, null)), busy, WINDOW));
        assertEquals("node db-1 needs 64 GiB memory; the largest free host at site-a during the window "
                + WINDOW + " has 32 GiB", e.getMessage());
    }

    @Test
    void aMissingNestedCapabilityIsNamed() {
        InsufficientCapacityException e = assertThrows(InsufficientCapacityException.class,
                () -> placement.place(List.of(node("hv", 1024, true, "a2")), empty(), WINDOW));
        assertEquals("node hv needs nested virtualisation; host a2 at site-a does not offer it", e.getMessage());
    }

    @Test
    void aHostWhoseLinkIsPromisedAwayIsPassedOverEvenWhenItFitsBestByMemory() {
        List<HostCalendar> calendars = List.of(
                new HostCalendar(BIG, List.of(new Booked(WINDOW, new Resources(2, 61440, 10, 9_800)))),
                new HostCalendar(SMALL, List.of()));
        assertEquals("a1", placement.place(List.of(guaranteed("vm-a", 2048, null, 200)), calendars, WINDOW)
                .get(0).host().value(), "200 Mbit/s still fit on a1, which keeps the least memory free");
        assertEquals("a2", placement.place(List.of(guaranteed("vm-b", 2048, null, 300, 200)), calendars, WINDOW)
                .get(0).host().value(), "the NICs' guarantees add up to 500 Mbit/s, only 200 are left on a1");
    }

    @Test
    void guaranteesBeyondTheLinkAreRefusedNamingHostGuaranteesNeedAndLink() {
        List<HostCalendar> calendars = List.of(
                new HostCalendar(BIG, List.of(new Booked(WINDOW, new Resources(2, 2048, 10, 9_800)))),
                new HostCalendar(SMALL, List.of()));
        InsufficientCapacityException e = assertThrows(InsufficientCapacityException.class,
                () -> placement.place(List.of(guaranteed("vm-b", 1024, "a1", 500)), calendars, WINDOW));
        assertEquals("host a1 at site-a guarantees 9,800 of its 10,000 Mbit/s during the window " + WINDOW
                + "; node vm-b needs 500 Mbit/s more (200 left)", e.getMessage());
    }

    @Test
    void withoutARequestedHostTheRefusalNamesTheHostWithTheMostBandwidthLeft() {
        List<HostCalendar> calendars = List.of(
                new HostCalendar(BIG, List.of(new Booked(WINDOW, new Resources(2, 2048, 10, 9_800)))),
                new HostCalendar(SMALL, List.of(new Booked(WINDOW, new Resources(2, 2048, 10, 9_500)))));
        InsufficientCapacityException e = assertThrows(InsufficientCapacityException.class,
                () -> placement.place(List.of(guaranteed("vm-b", 1024, null, 600)), calendars, WINDOW));
        assertEquals("host a2 at site-a guarantees 9,500 of its 10,000 Mbit/s during the window " + WINDOW
                + "; node vm-b needs 600 Mbit/s more (500 left, the most of any host with room for its cores,"
                + " memory and disk)", e.getMessage());
    }
}
