package io.isthmus.examples.federation;

import static io.isthmus.examples.federation.FederationProbes.gatewayReservations;
import static io.isthmus.examples.federation.FederationProbes.siteHosts;
import static io.isthmus.examples.federation.FederationProbes.siteReservations;
import static io.isthmus.examples.federation.FederationProbes.siteStatus;

import io.isthmus.examples.client.IsthmusClient;
import io.isthmus.examples.client.ViDocument;
import io.isthmus.examples.federation.topology.EmulatedUnderlay;
import io.isthmus.examples.federation.config.Artifacts;
import io.isthmus.schema.site.v1.HostCapacity;
import io.isthmus.schema.site.v1.SiteNodeStatus;
import io.isthmus.schema.site.v1.SiteReservationStatus;
import io.isthmus.schema.v1.Node;
import io.isthmus.schema.v1.ReservationState;
import io.isthmus.schema.v1.ReservationSummary;
import io.isthmus.schema.v1.VirtualInfrastructure;
import io.isthmus.wsdl.broker.ServiceFault;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Issue 9's load benchmark, against a real emulated federation: {@code --reserves} reserves (default 1,000) from
 * {@code --clients} concurrent clients (default 50) on contended capacity (four 16 GiB hosts; every other request
 * two nodes pinned to different sites with 100 Mbit/s guaranteed over the 1 Gbit/s WAN link; each on one of the 36
 * VLANs the two tenants' gateways carry), then bursts of 100 identical concurrent reserves. It reports what every call answered and how long it took, then checks from outside:
 * no host holds more than its capacity (counted from the sites' own status), the WAN link carries no more than its
 * capacity, every identical burst answered one reservation, and after every held reservation is aborted nothing is
 * held at any site or gateway. Markdown on stdout, progress on stderr. Run by {@code examples/bench-load.sh}.
 */
public final class ReserveLoadBenchmark {
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    private static final int SMALL_MIB = 2048;
    private static final int DISK_GIB = 4;
    private static final int SPLIT_NODE_MIB = 1024;
    private static final int LINK_MBPS = 100;
    private static final int WAN_MBPS = 1000;

    private final FederationEndpoints endpoints;
    private final IsthmusClient client;
    private final ConcurrentMap<String, Integer> mibPerNode = new ConcurrentHashMap<>();
    private final List<String> held = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> splitHeld = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
    private final AtomicInteger smallCapacityRefusals = new AtomicInteger();
    private final List<Long> latenciesMillis = Collections.synchronizedList(new ArrayList<>());

    private ReserveLoadBenchmark(FederationEndpoints endpoints) {
        this.endpoints = endpoints;
        this.client = new IsthmusClient(endpoints.brokerSoap(), "load@requester-dc");
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int clients = Integer.parseInt(options.getOrDefault("clients", "50"));
        int reserves = Integer.parseInt(options.getOrDefault("reserves", "1000"));
        int bursts = Integer.parseInt(options.getOrDefault("bursts", "3"));
        Path home = Path.of(options.getOrDefault("home", ".")).toAbsolutePath().normalize();
        FederationOptions federation = FederationOptions.defaults(home)
                .withArtifacts(Artifacts.inRepository(home))
                .withRunDir(Path.of(options.getOrDefault("run-dir", "/tmp/isthmus-bench-load")))
                .withPortsBase(Integer.parseInt(options.getOrDefault("ports-base", "18600")))
                .withHoldSeconds(500).withSweepSeconds(1);
        System.err.println("starting the emulated federation ...");
        try (EmulatedFederation running = EmulatedFederation.start(federation)) {
            ReserveLoadBenchmark bench = new ReserveLoadBenchmark(running.endpoints());
            bench.run(clients, reserves, bursts, running.broker().pid(), System.out);
        }
    }

    private void run(int clients, int reserves, int bursts, long brokerPid, PrintStream out) throws Exception {
        System.err.println(reserves + " reserves from " + clients + " clients ...");
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> calls = new ArrayList<>();
        for (int i = 0; i < reserves; i++) {
            boolean split = i % 2 == 1;
            calls.add(pool.submit(() -> reserveOnce(split)));
        }
        for (Future<?> call : calls) {
            call.get();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        List<String> overCommit = hostOverCommit();
        long largestFreeMib = largestFreeMib();
        int linkMbps = splitHeld.size() * LINK_MBPS;

        System.err.println(bursts + " bursts of 100 identical reserves ...");
        List<String> burstProblems = new ArrayList<>();
        for (int b = 0; b < bursts; b++) {
            burstProblems.addAll(identicalBurst(pool, 100, b + 1));
        }
        pool.shutdown();
        String blocked = blockedBrokerThreads(brokerPid);

        System.err.println("aborting " + held.size() + " held reservations ...");
        ExecutorService aborts = Executors.newFixedThreadPool(clients);
        List<Future<?>> done = new ArrayList<>();
        for (String id : List.copyOf(held)) {
            done.add(aborts.submit(() -> {
                client.reserveAbort(id);
                return null;
            }));
        }
        List<String> abortFailures = new ArrayList<>();
        for (Future<?> f : done) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                abortFailures.add(e.getCause().toString());
            }
        }
        aborts.shutdown();
        Map<String, Set<String>> left = leftAnywhere();

        out.println("## Reserve under load (issue 9)");
        out.println();
        out.printf("%d reserves from %d concurrent clients in %.1f s (%.1f reserves/s); call timeout %d s%n%n",
                reserves, clients, seconds, reserves / seconds, CALL_TIMEOUT.toSeconds());
        out.println("| answer | calls |");
        out.println("| --- | --- |");
        new TreeMap<>(outcomes).forEach((k, v) -> out.println("| " + k + " | " + v.get() + " |"));
        List<Long> sorted = new ArrayList<>(latenciesMillis);
        Collections.sort(sorted);
        out.printf("%nlatency: median %d ms, p95 %d ms, p99 %d ms, max %d ms; answered later than the call timeout: %d%n%n",
                percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99), sorted.get(sorted.size() - 1),
                sorted.stream().filter(ms -> ms > CALL_TIMEOUT.toMillis()).count());
        out.println("| check | result |");
        out.println("| --- | --- |");
        out.println("| hosts over their memory or cores (from the sites' status) | "
                + (overCommit.isEmpty() ? "none" : String.join("; ", overCommit)) + " |");
        out.println("| 2 GiB requests refused for CAPACITY while a host still had room for one at the end | "
                + (largestFreeMib >= SMALL_MIB ? smallCapacityRefusals.get() : 0) + " (largest free host: "
                + largestFreeMib + " MiB) |");
        out.println("| WAN link site-a–site-b guaranteed while all held | " + linkMbps + " of " + WAN_MBPS + " Mbit/s |");
        out.println("| identical bursts (" + bursts + " × 100 calls, one correlation id each) | "
                + (burstProblems.isEmpty() ? "each answered one held reservation" : String.join("; ", burstProblems))
                + " |");
        out.println("| broker threads waiting in EclipseLink's ConcurrencyManager | " + blocked + " |");
        out.println("| aborts that failed | " + abortFailures.size() + " |");
        out.println("| held at any site or gateway after the aborts | "
                + (left.values().stream().allMatch(Set::isEmpty) ? "nothing" : left.toString()) + " |");
    }

    private Void reserveOnce(boolean split) {
        VirtualInfrastructure vi = split ? TestVis.split(LINK_MBPS)
                : TestVis.small();
        if (!split) {
            vi.getNode().get(0).setMemoryMib(SMALL_MIB);
            vi.setConstraints(null);
        }
        vi.getNode().forEach(n -> n.setDiskGib(DISK_GIB));   // memory, not disk, is what runs out
        // a tenant VLAN is booked over time at its requester gateway: spread the requests over both tenants' gateways
        // and their VLANs, so that capacity, not the VLANs alone, is what runs out
        String gateway = ThreadLocalRandom.current().nextBoolean() ? "gw-req" : "gw-req2";
        TestVis.onGateway(vi, gateway);
        List<Integer> vlans = EmulatedUnderlay.TENANT_VLANS;
        vi.getSegment().get(0).setVlan(vlans.get(ThreadLocalRandom.current().nextInt(vlans.size())));
        long t0 = System.nanoTime();
        String outcome;
        try {
            ReservationSummary summary = client.reserve(vi, UUID.randomUUID().toString());
            outcome = "result " + summary.getReservationState();
            if (summary.getReservationState() == ReservationState.RESERVE_HELD) {
                held.add(summary.getReservationId());
                if (split) {
                    splitHeld.add(summary.getReservationId());
                }
                for (Node n : vi.getNode()) {
                    mibPerNode.put(summary.getReservationId() + "/" + n.getName(), n.getMemoryMib());
                }
            }
        } catch (ServiceFault f) {
            outcome = "typed fault " + f.getFaultInfo().getCode();
            if (!split && f.getFaultInfo().getCode() == io.isthmus.schema.v1.FaultCode.CAPACITY) {
                smallCapacityRefusals.incrementAndGet();
            }
        } catch (RuntimeException e) {
            outcome = "untyped: " + e.getClass().getSimpleName();
        }
        latenciesMillis.add((System.nanoTime() - t0) / 1_000_000);
        outcomes.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
        return null;
    }

    /** {@code size} identical reserves at once; answers what was wrong with their answers (nothing, ideally). */
    private List<String> identicalBurst(ExecutorService pool, int size, int daysAhead) throws Exception {
        VirtualInfrastructure vi = ViDocument.startingNow(TestVis.small(),
                Instant.now().plus(Duration.ofDays(daysAhead)), Duration.ofHours(1));   // clear of other VLAN bookings
        vi.getNode().get(0).setMemoryMib(256);
        String correlation = UUID.randomUUID().toString();
        List<Future<String>> answers = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            answers.add(pool.submit(() -> {
                try {
                    ReservationSummary s = client.reserve(vi, correlation);
                    return s.getReservationId() + " " + s.getReservationState();
                } catch (ServiceFault f) {
                    return "typed fault " + f.getFaultInfo().getCode();
                } catch (RuntimeException e) {
                    return "untyped " + e;
                }
            }));
        }
        Set<String> distinct = new java.util.HashSet<>();
        for (Future<String> a : answers) {
            distinct.add(a.get(2, TimeUnit.MINUTES));
        }
        distinct.stream().filter(a -> a.endsWith(" RESERVE_HELD")).map(a -> a.substring(0, a.indexOf(' ')))
                .forEach(held::add);
        return distinct.size() == 1 && distinct.iterator().next().endsWith("RESERVE_HELD") ? List.of()
                : List.of("burst " + correlation + " answered " + distinct);
    }

    /** Hosts whose held and committed nodes (as the sites report them) exceed their memory. */
    private List<String> hostOverCommit() throws Exception {
        List<String> problems = new ArrayList<>();
        for (String site : endpoints.sites().keySet()) {
            Map<String, Integer> usedMib = new TreeMap<>();
            for (SiteReservationStatus r : siteStatus(endpoints.site(site), null)) {
                for (SiteNodeStatus n : r.getNode()) {
                    usedMib.merge(n.getHost(), mibPerNode.getOrDefault(r.getReservationId() + "/" + n.getNode(), 0),
                            Integer::sum);
                }
            }
            for (HostCapacity h : siteHosts(endpoints.site(site))) {
                int used = usedMib.getOrDefault(h.getHost(), 0);
                if (used > h.getMemoryMib() || h.getFreeMemoryMib() < 0 || h.getFreeCores() < 0) {
                    problems.add(site + "/" + h.getHost() + " holds " + used + " of " + h.getMemoryMib() + " MiB");
                }
            }
        }
        return problems;
    }

    /** The most memory free on any one host now that also has a core and a small node's disk free. */
    private long largestFreeMib() throws Exception {
        long largest = 0;
        for (String site : endpoints.sites().keySet()) {
            for (HostCapacity h : siteHosts(endpoints.site(site))) {
                if (h.getFreeCores() >= 1 && h.getFreeDiskGib() >= DISK_GIB) {
                    largest = Math.max(largest, h.getFreeMemoryMib());
                }
            }
        }
        return largest;
    }

    private Map<String, Set<String>> leftAnywhere() throws Exception {
        Map<String, Set<String>> left = new TreeMap<>();
        for (String site : endpoints.sites().keySet()) {
            left.put(site, siteReservations(endpoints.site(site)));
        }
        for (String gateway : endpoints.gateways().keySet()) {
            left.put(gateway, gatewayReservations(endpoints.gateway(gateway)));
        }
        return left;
    }

    /** The broker's threads parked in EclipseLink's cache locks, from a thread dump (jcmd). */
    private static String blockedBrokerThreads(long pid) {
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(pid), "Thread.print").redirectErrorStream(true).start();
            String dump = new String(jcmd.getInputStream().readAllBytes());
            jcmd.waitFor(30, TimeUnit.SECONDS);
            long waiting = dump.lines().filter(l -> l.contains("ConcurrencyManager.acquire")).count();
            return waiting + " (thread dump of pid " + pid + ")";
        } catch (java.io.IOException e) {
            return "unknown: jcmd failed (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown: interrupted";
        }
    }

    private static long percentile(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new TreeMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("options are --name=value, not " + arg
                        + " (--clients, --reserves, --bursts, --home, --run-dir, --ports-base)");
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        return options;
    }
}
