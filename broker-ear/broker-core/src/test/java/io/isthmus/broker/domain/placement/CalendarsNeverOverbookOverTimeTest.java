package io.isthmus.broker.domain.placement;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.broker.domain.calendar.CapacityCalendar;
import io.isthmus.broker.domain.reservation.NodeSpec;
import io.isthmus.broker.domain.reservation.TimeWindow;
import io.isthmus.broker.domain.reservation.VirtualInfrastructureSpec;
import io.isthmus.broker.testsupport.ViBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Advance reservation over a day: requests with random windows are placed against calendars per host (cores,
 * memory, disk) and per inter-site link, booked, and some released again. Every placement must fit its window at
 * every instant (a booking that does not fit throws), and at the end no host and no link is over capacity at any
 * instant. Held and committed bookings are alike to a calendar.
 */
class CalendarsNeverOverbookOverTimeTest {
    private static final Instant DAY = Instant.parse("2030-06-01T00:00:00Z");
    private static final String[] DIMENSIONS = {"cores", "memory", "disk"};

    private final Map<String, CapacityCalendar[]> hosts = new LinkedHashMap<>();
    private final Map<String, Boolean> nested = new LinkedHashMap<>();
    private final Map<String, CapacityCalendar> links = new LinkedHashMap<>();
    private final Map<String, Double> latency = new LinkedHashMap<>();

    @Test
    void placementsAgainstCalendarsNeverOverbookAHostOrALinkAtAnyInstant() {
        Random random = new Random(2030_06_01L);
        for (String site : List.of("site-a", "site-b", "site-c")) {
            for (int h = 0; h < 3; h++) {
                hosts.put(site + "/h" + h, new CapacityCalendar[] {new CapacityCalendar(16),
                        new CapacityCalendar(32_768), new CapacityCalendar(500)});
                nested.put(site + "/h" + h, h != 2);
            }
        }
        link("site-a", "site-b", 1000, 5);
        link("site-a", "site-c", 400, 20);
        link("site-b", "site-c", 600, 12);
        PlacementEngine engine = new PartitioningPlacementEngine();
        List<String> booked = new ArrayList<>();
        int placed = 0;
        int refused = 0;
        int reusedAfterRelease = 0;
        boolean released = false;
        for (int r = 0; r < 120; r++) {
            int startHour = random.nextInt(20);
            TimeWindow window = new TimeWindow(DAY.plusSeconds(3600L * startHour),
                    DAY.plusSeconds(3600L * (startHour + 1 + random.nextInt(6))));
            VirtualInfrastructureSpec vi = request(random, window);
            Placement p;
            try {
                p = engine.place(vi, substrate(window));
            } catch (PlacementRefusedException e) {
                refused++;
                continue;
            }
            String owner = "r" + r;
            book(owner, vi, window, p);
            booked.add(owner);
            placed++;
            reusedAfterRelease += released ? 1 : 0;
            if (random.nextInt(4) == 0) {
                release(booked.remove(random.nextInt(booked.size())));
                released = true;
            }
        }
        assertTrue(placed >= 30 && refused >= 10, "the day fills up: " + placed + " placed, " + refused + " refused");
        assertTrue(reusedAfterRelease > 0, "released capacity is placed again");
        hosts.forEach((host, calendars) -> {
            for (int d = 0; d < 3; d++) {
                CapacityCalendar c = calendars[d];
                for (Instant t : c.changes()) {
                    assertTrue(c.usageAt(t) <= c.capacity(), host + " " + DIMENSIONS[d] + " at " + t + ": "
                            + c.usageAt(t) + " of " + c.capacity());
                }
            }
        });
        links.forEach((pair, c) -> {
            for (Instant t : c.changes()) {
                assertTrue(c.usageAt(t) <= c.capacity(), pair + " at " + t + ": " + c.usageAt(t) + " of " + c.capacity());
            }
        });
    }

    private void link(String a, String b, long mbps, double ms) {
        links.put(a + "|" + b, new CapacityCalendar(mbps));
        latency.put(a + "|" + b, ms);
    }

    private Substrate substrate(TimeWindow window) {
        Map<String, List<HostOffer>> bySite = new LinkedHashMap<>();
        hosts.forEach((key, c) -> {
            String[] sh = key.split("/");
            bySite.computeIfAbsent(sh[0], s -> new ArrayList<>()).add(new HostOffer(sh[1], (int) c[0].free(window),
                    c[1].free(window), c[2].free(window), nested.get(key)));
        });
        List<SiteOffer> sites = new ArrayList<>();
        bySite.forEach((site, offers) -> sites.add(new SiteOffer(site, offers)));
        List<InterSiteLink> offered = new ArrayList<>();
        links.forEach((pair, c) -> {
            String[] ab = pair.split("\\|");
            offered.add(new InterSiteLink(ab[0], ab[1], c.capacity(), c.free(window), latency.get(pair)));
        });
        return new Substrate(sites, offered);
    }

    private void book(String owner, VirtualInfrastructureSpec vi, TimeWindow window, Placement p) {
        for (NodeSpec node : vi.nodes()) {
            NodeLocation at = p.of(node.name());
            CapacityCalendar[] c = hosts.get(at.site() + "/" + at.host());
            c[0].book(owner, window, node.vcpus());
            c[1].book(owner, window, node.memoryMib());
            c[2].book(owner, window, node.diskGib());
        }
        for (InterSiteLoad load : p.interSite()) {
            links.get(load.siteA() + "|" + load.siteB()).book(owner, window, load.mbps());
        }
    }

    private void release(String owner) {
        hosts.values().forEach(c -> {
            for (CapacityCalendar calendar : c) {
                calendar.release(owner);
            }
        });
        links.values().forEach(c -> c.release(owner));
    }

    private static VirtualInfrastructureSpec request(Random random, TimeWindow window) {
        int count = 2 + random.nextInt(6);
        List<NodeSpec> nodes = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            nodes.add(new NodeSpec("n" + n, 1 + random.nextInt(6), 1024 * (1 + random.nextInt(12)),
                    10 + random.nextInt(100), "debian-12", random.nextInt(3) == 0, List.of()));
        }
        ViBuilder b = ViBuilder.ofNodes(nodes.toArray(NodeSpec[]::new)).window(window.start(), window.end());
        for (int n = 1; n < count; n++) {
            b.link("n" + random.nextInt(n), "n" + n, 10 + random.nextInt(300), random.nextInt(5) == 0 ? 10.0 : null);
        }
        return b.build();
    }
}
