package io.isthmus.examples.federation;

import io.isthmus.examples.client.IsthmusClient;
import io.isthmus.examples.client.ViDocument;
import io.isthmus.examples.federation.config.Artifacts;
import io.isthmus.schema.v1.GatewayRef;
import io.isthmus.schema.v1.Nic;
import io.isthmus.schema.v1.Node;
import io.isthmus.schema.v1.ProvisionState;
import io.isthmus.schema.v1.ReservationState;
import io.isthmus.schema.v1.ReservationSummary;
import io.isthmus.schema.v1.Segment;
import io.isthmus.schema.v1.TimeWindow;
import io.isthmus.schema.v1.TunnelKind;
import io.isthmus.schema.v1.VirtualInfrastructure;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Issue 10's boot benchmark, against a real emulated federation whose hosts run QEMU guests of the test image: for
 * reservations of 1, 5 and 10 L1 VMs (128 MiB, 1 vCPU each, on the tenant segment), the time from the provision call
 * to its answer (the sites answer once every guest said it is ready) and to every guest answering ping from the
 * tenant's LAN across the stitched tunnels, and the resident memory of each guest's QEMU process. Markdown on stdout,
 * progress on stderr. Run by {@code examples/bench-guests.sh}.
 */
public final class GuestBootBenchmark {

    private static final String LAN = "isth-req-lan";
    private static final Duration PING_WITHIN = Duration.ofSeconds(120);

    private final IsthmusClient client;
    private final FederationEndpoints endpoints;

    private GuestBootBenchmark(FederationEndpoints endpoints) {
        this.endpoints = endpoints;
        this.client = new IsthmusClient(endpoints.brokerSoap(), "bench@requester-dc");
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new TreeMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("options are --name=value, not " + arg
                        + " (--sizes=1,5,10, --home, --run-dir, --ports-base)");
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        Path home = Path.of(options.getOrDefault("home", ".")).toAbsolutePath().normalize();
        FederationOptions federation = FederationOptions.defaults(home).withArtifacts(Artifacts.inRepository(home))
                .withRunDir(Path.of(options.getOrDefault("run-dir", "/tmp/isthmus-bench-guests")))
                .withPortsBase(Integer.parseInt(options.getOrDefault("ports-base", "18700")))
                .withGuests(FederationOptions.GuestMode.QEMU);
        List<Integer> sizes = List.of(options.getOrDefault("sizes", "1,5,10").split(",")).stream()
                .map(String::strip).map(Integer::parseInt).toList();
        PrintStream out = System.out;
        try (EmulatedFederation running = EmulatedFederation.start(federation)) {
            if (running.hosts().isEmpty()) {
                throw new IllegalStateException("the benchmark needs real guests: run as root with QEMU installed");
            }
            GuestBootBenchmark benchmark = new GuestBootBenchmark(running.endpoints());
            Packets.addAddress(LAN, "v100", "10.0.0.1/24");   // the tenant's own host on VLAN 100
            out.println("| VMs in one reservation | provision answered (s) | every guest answers ping (s)"
                    + " | QEMU resident memory per guest (MiB): min / mean / max | idle guest CPU (% of a core) |");
            out.println("| --- | --- | --- | --- | --- |");
            for (int size : sizes) {
                out.println(benchmark.run(size));
            }
        }
    }

    private String run(int size) throws Exception {
        progress("reserving " + size + " VM(s)");
        ReservationSummary held = client.reserve(vi(size));
        if (held.getReservationState() != ReservationState.RESERVE_HELD) {
            throw new IllegalStateException("reserve of " + size + " VMs was not held: " + held.getLastError());
        }
        String id = held.getReservationId();
        // The previous size's guests had the same addresses with other MACs: without this, the tenant LAN would first
        // try their stale neighbour entries for several seconds (the guests' own gratuitous ARPs are sent at boot,
        // before the broker stitches the tunnels that would carry them to this LAN).
        Packets.flushNeighbours(LAN);
        try {
            client.reserveCommit(id);
            Instant start = Instant.now();
            ReservationSummary provisioned = ItFederations.provisionAndWait(client, id);
            Duration answered = Duration.between(start, Instant.now());
            if (provisioned.getProvisionState() != ProvisionState.PROVISIONED) {
                throw new IllegalStateException("provision of " + size + " VMs failed: "
                        + provisioned.getLastError());
            }
            List<Duration> firstAnswers = awaitEveryGuestAnswers(size, start);
            progress("first answer of each guest (s after the provision call): " + firstAnswers.stream()
                    .map(d -> String.format("%.1f", d.toMillis() / 1000.0)).toList());
            Duration pinged = Duration.between(start, Instant.now());
            double idlePercent = idleCpuPercentPerGuest();
            List<Long> rssMib = guestMemoryMib();   // 5 s after every guest answered: what an idle guest holds
            progress(size + " VM(s): provision answered after " + answered.toMillis() + " ms, all answer ping after "
                    + pinged.toMillis() + " ms; QEMU RSS " + rssMib + " MiB; idle guest CPU " + idlePercent + " %");
            return String.format("| %d | %.1f | %.1f | %d / %d / %d | %.1f |", size, answered.toMillis() / 1000.0,
                    pinged.toMillis() / 1000.0, rssMib.stream().mapToLong(Long::longValue).min().orElse(0),
                    Math.round(rssMib.stream().mapToLong(Long::longValue).average().orElse(0)),
                    rssMib.stream().mapToLong(Long::longValue).max().orElse(0), idlePercent);
        } finally {
            client.terminate(id);
        }
    }

    /** Pings every guest from the tenant LAN, all at once, until each answered; when each first answered. */
    private static List<Duration> awaitEveryGuestAnswers(int size, Instant start) throws Exception {
        ExecutorService pingers = Executors.newFixedThreadPool(Math.min(size, 10));
        try {
            List<Future<Boolean>> answers = new ArrayList<>();
            Duration[] firstAnswer = new Duration[size];
            for (int i = 0; i < size; i++) {
                String address = address(i);
                int guest = i;
                answers.add(pingers.submit(() -> {
                    Instant deadline = Instant.now().plus(PING_WITHIN);
                    while (Instant.now().isBefore(deadline)) {
                        if (Packets.answers(LAN, address)) {
                            firstAnswer[guest] = Duration.between(start, Instant.now());
                            return true;
                        }
                    }
                    return false;
                }));
            }
            for (int i = 0; i < size; i++) {
                if (!answers.get(i).get()) {
                    throw new IllegalStateException("the guest at " + address(i) + " never answered ping");
                }
            }
            return List.of(firstAnswer);
        } finally {
            pingers.shutdownNow();
        }
    }

    /** The mean CPU an idle guest's QEMU process uses over 5 s, in percent of one core. */
    private static double idleCpuPercentPerGuest() throws InterruptedException {
        Map<Long, Long> before = qemuCpuTicks();
        Thread.sleep(5000);
        Map<Long, Long> after = qemuCpuTicks();
        long ticks = 0;
        int guests = 0;
        for (Map.Entry<Long, Long> end : after.entrySet()) {
            Long start = before.get(end.getKey());
            if (start != null) {
                ticks += end.getValue() - start;
                guests++;
            }
        }
        // /proc/<pid>/stat counts in clock ticks of 1/100 s
        return guests == 0 ? 0 : Math.round(ticks / 5.0 / guests * 10) / 10.0;
    }

    private static Map<Long, Long> qemuCpuTicks() {
        Map<Long, Long> ticks = new TreeMap<>();
        Guests.qemuHandles().forEach(p -> {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks.put(p.pid(), Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
            } catch (IOException gone) {
                // the guest ended while we looked
            }
        });
        return ticks;
    }

    /** The resident memory of every running QEMU process, in MiB. */
    private static List<Long> guestMemoryMib() {
        List<Long> rss = new ArrayList<>();
        Guests.qemuHandles().forEach(p -> {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(p.pid()), "status"))) {
                    if (line.startsWith("VmRSS:")) {
                        rss.add(Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024);
                    }
                }
            } catch (IOException gone) {
                // the guest ended while we looked
            }
        });
        return rss;
    }

    private VirtualInfrastructure vi(int size) {
        VirtualInfrastructure vi = new VirtualInfrastructure();
        vi.setTenant("t1");
        vi.setDescription("guest boot benchmark, " + size + " VM(s)");
        vi.setWindow(new TimeWindow());
        Segment lan = new Segment();
        lan.setName("lan");
        lan.setVlan(100);
        lan.setCidr("10.0.0.0/24");
        vi.getSegment().add(lan);
        for (int i = 0; i < size; i++) {
            Node node = new Node();
            node.setName("vm-" + (i + 1));
            node.setVcpus(1);
            node.setMemoryMib(128);
            node.setDiskGib(1);
            node.setImage("isthmus-test");
            node.setNestedVirtualization(true);
            Nic nic = new Nic();
            nic.setSegment("lan");
            nic.setIpv4(address(i));
            node.getNic().add(nic);
            vi.getNode().add(node);
        }
        GatewayRef requester = new GatewayRef();
        requester.setId("gw-req");
        requester.setTunnelKind(TunnelKind.VXLAN);
        vi.setRequesterGateway(requester);
        return ViDocument.startingNow(vi, Instant.now(), Duration.ofHours(1));
    }

    private static String address(int index) {
        return "10.0.0." + (100 + index);
    }

    private static void progress(String message) {
        System.err.println("[bench-guests] " + message);
    }
}
