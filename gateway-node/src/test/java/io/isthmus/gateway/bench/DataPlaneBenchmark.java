package io.isthmus.gateway.bench;

import io.isthmus.gateway.testsupport.TestNetwork;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The data-plane benchmark (a program, not a test; needs root): iperf3 throughput of a direct veth path and of the
 * vxlan and openvpn paths through two real gateways (wired as {@code GatewayServer} wires them, in network
 * namespaces), then the time the stitch use cases take for 1..N segments. Prints Markdown on stdout, progress on
 * stderr. Everything it creates (namespaces {@code isbench-*}, their processes, a temporary data directory) is
 * removed at the end, also on failure or Ctrl-C. Run it with {@code examples/bench-dataplane.sh}; options in
 * {@link BenchOptions#USAGE}.
 */
public final class DataPlaneBenchmark {

    private static final List<String> PROGRAMS = List.of("ip", "bridge", "ss", "ping", "iperf3", "openvpn", "openssl",
            "nft");
    /** Held so the level set on it is not lost to garbage collection. */
    private static final Logger GATEWAY_LOG = Logger.getLogger("io.isthmus.gateway");

    private DataPlaneBenchmark() {
    }

    public static void main(String[] args) {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench-dataplane: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (!TestNetwork.isRoot()) {
            System.err.println("bench-dataplane: needs root (it builds network namespaces, veths, bridges and "
                    + "openvpn tunnels); run it as root, e.g. sudo examples/bench-dataplane.sh");
            System.exit(2);
        }
        requirePrograms();
        if (!options.gatewayLog()) {
            GATEWAY_LOG.setLevel(Level.WARNING);
        }
        Cleanup cleanup = Cleanup.withShutdownHook(Thread.currentThread());
        Path dataDir = cleanup.register(new TempDir()).path;
        run(options, cleanup, dataDir, System.out);
        cleanup.closeAll();
    }

    private static void run(BenchOptions options, Cleanup cleanup, Path dataDir, PrintStream out) {
        Report report = new Report(out);
        out.println("# Data-plane benchmark");
        out.println();
        out.println("Machine: " + MachineFacts.describe() + ".");
        out.println();
        out.println("Options: " + options + "; gateway log " + (options.gatewayLog() ? "INFO" : "WARNING") + ".");
        out.println();
        out.println("Load average at start (1 / 5 / 15 min): " + MachineFacts.load() + ".");
        out.println();
        if (options.throughput()) {
            report.throughput(new ThroughputBench(options, cleanup, dataDir).run(), options.seconds(), options.omit());
        }
        if (options.stitch()) {
            report.stitch(new StitchTimingBench(options, cleanup, dataDir).run());
        }
        out.println("Load average at end (1 / 5 / 15 min): " + MachineFacts.load() + ".");
    }

    private static void requirePrograms() {
        List<Path> path = Stream.concat(Stream.of(System.getenv().getOrDefault("PATH", "").split(":")),
                Stream.of("/usr/sbin", "/sbin")).filter(d -> !d.isEmpty()).map(Path::of).toList();
        for (String program : PROGRAMS) {
            if (path.stream().noneMatch(dir -> Files.isExecutable(dir.resolve(program)))) {
                System.err.println("bench-dataplane: " + program + " is not installed (apt-get install iproute2 "
                        + "iputils-ping iperf3 openvpn openssl nftables)");
                System.exit(2);
            }
        }
    }

    /** The gateways' data directories (H2 stores, per-stitch openvpn keys), deleted at the end. */
    private static final class TempDir implements AutoCloseable {
        final Path path;

        TempDir() {
            try {
                path = Files.createTempDirectory("isthmus-bench-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a temporary directory", e);
            }
        }

        @Override
        public void close() throws IOException {
            try (Stream<Path> files = Files.walk(path)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }

        @Override
        public String toString() {
            return "data directory " + path;
        }
    }
}
