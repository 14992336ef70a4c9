package io.isthmus.examples.federation;

import io.isthmus.examples.federation.topology.CommandRunner;
import io.isthmus.examples.federation.topology.LinuxName;
import io.isthmus.examples.federation.topology.Namespaces;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the data-plane system test does with packets: ping, ARP, iperf3 and link listings inside the federation's
 * namespaces, each an argument array with a bounded wait.
 */
final class Packets {

    private static final Duration REACH_WITHIN = Duration.ofSeconds(20);
    /** The test guest image's control listener (a test-image-only facility). */
    static final int GUEST_CONTROL_PORT = 7777;
    private static final Pattern LLADDR = Pattern.compile("lladdr ([0-9a-fA-F:]{17})");
    static final Pattern RECEIVED_BPS = Pattern.compile(
            "\"sum_received\"\\s*:\\s*\\{[^}]*?\"bits_per_second\"\\s*:\\s*([0-9.eE+]+)");
    private static final int IPERF_PORT = 5201;
    private static final Namespaces NAMESPACES = new Namespaces(new CommandRunner());

    private Packets() {
    }

    static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Whether {@code address} answers pings from {@code namespace} within 20 s (tunnels may still be coming up). */
    static boolean reaches(String namespace, String address) {
        Instant deadline = Instant.now().plus(REACH_WITHIN);
        do {
            if (answers(namespace, address)) {
                return true;
            }
        } while (Instant.now().isBefore(deadline));
        return false;
    }

    /** Whether any of three pings from {@code namespace} to {@code address} is answered, now (about 2 s). */
    static boolean answers(String namespace, String address) {
        return run(List.of("ip", "netns", "exec", namespace, "ping", "-n", "-q", "-c", "3", "-i", "0.3", "-W", "1",
                address), Duration.ofSeconds(10)).exit() == 0;
    }

    /**
     * Whether pings of full {@code mtu}-byte IP packets with Don't Fragment set cross from {@code namespace} to
     * {@code address}: every hop of the segment carries its MTU.
     */
    static boolean carriesFullFrames(String namespace, String address, int mtu) {
        return run(List.of("ip", "netns", "exec", namespace, "ping", "-n", "-q", "-c", "3", "-i", "0.3", "-W", "1",
                "-M", "do", "-s", Integer.toString(mtu - 28), address), Duration.ofSeconds(10)).exit() == 0;
    }

    /** Forgets every neighbour (ARP) entry of {@code namespace}. */
    static void flushNeighbours(String namespace) {
        ok(List.of("ip", "-n", namespace, "neigh", "flush", "all"));
    }

    /** The MAC {@code address} resolved to in {@code namespace}'s neighbour table (lower case). */
    static String neighbourMac(String namespace, String address) {
        String out = ok(List.of("ip", "-n", namespace, "neigh", "show", "to", address));
        Matcher m = LLADDR.matcher(out);
        if (!m.find()) {
            throw new AssertionError("no neighbour entry for " + address + " in " + namespace + ": " + out);
        }
        return m.group(1).toLowerCase(Locale.ROOT);
    }

    static void addAddress(String namespace, String device, String cidr) {
        ok(List.of("ip", "-n", namespace, "addr", "add", cidr, "dev", device));
        ok(List.of("ip", "-n", namespace, "link", "set", device, "up"));
    }

    static void deleteAddress(String namespace, String device, String cidr) {
        ok(List.of("ip", "-n", namespace, "addr", "del", cidr, "dev", device));
    }

    /** The stand-in namespace ({@code isvm-…}) whose NIC carries {@code mac}. */
    static String standInOf(String mac) {
        String wanted = "link/ether " + mac.toLowerCase(Locale.ROOT);
        for (String namespace : namespaces()) {
            if (namespace.startsWith("isvm-") && ok(List.of("ip", "-n", namespace, "-o", "link")).contains(wanted)) {
                return namespace;
            }
        }
        throw new AssertionError("no VM stand-in carries MAC " + mac + "; namespaces: " + namespaces());
    }

    /** The one NIC of a stand-in namespace (its only link besides lo). */
    static String nicOf(String namespace) {
        return links(namespace).stream().filter(l -> !l.equals("lo")).findFirst()
                .orElseThrow(() -> new AssertionError(namespace + " has no NIC"));
    }

    /** Names of the links in {@code namespace}. */
    static List<String> links(String namespace) {
        return NAMESPACES.links(LinuxName.of(namespace));
    }

    /** Throughput from {@code client} to {@code address} served in {@code server}, as iperf3 received it (Mbit/s). */
    static double iperf3Mbps(String client, String server, String address) {
        // Bound to the NIC's address: a stand-in has no IPv6, so iperf3's default [::] listener would not start.
        Process listener = start(List.of("ip", "netns", "exec", server, "iperf3", "-s", "-1", "-B", address, "-p",
                Integer.toString(IPERF_PORT)));
        try {
            awaitListening(server, IPERF_PORT);
            // iperf3 3.12 exits 0 with -J even when it could not connect: its JSON "error" says so.
            Result result = run(List.of("ip", "netns", "exec", client, "iperf3", "-c", address, "-p",
                    Integer.toString(IPERF_PORT), "-t", "4", "-O", "1", "--connect-timeout", "3000", "-J"),
                    Duration.ofSeconds(30));
            if (result.exit() != 0 || result.out().contains("\"error\"")) {
                throw new AssertionError("iperf3 from " + client + " to " + address + " failed: " + result);
            }
            Matcher m = RECEIVED_BPS.matcher(result.out());
            if (!m.find()) {
                throw new AssertionError("iperf3 reported no received rate: " + result.out());
            }
            return Double.parseDouble(m.group(1)) / 1_000_000;
        } finally {
            listener.destroy();
            try {
                if (!listener.waitFor(5, TimeUnit.SECONDS)) {
                    listener.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits (up to 10 s) until a TCP listener on {@code port} exists in {@code namespace}. */
    private static void awaitListening(String namespace, int port) {
        Instant deadline = Instant.now().plusSeconds(10);
        while (!ok(List.of("ip", "netns", "exec", namespace, "ss", "-Hltn", "sport", "=", ":" + port)).contains(
                ":" + port)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("iperf3 did not listen on port " + port + " in " + namespace);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The processes running inside {@code namespace}, as "pid name". */
    static List<String> processesIn(String namespace) {
        List<String> processes = new ArrayList<>();
        for (long pid : NAMESPACES.pids(LinuxName.of(namespace))) {
            try {
                processes.add(pid + " " + Files.readString(Path.of("/proc", Long.toString(pid), "comm")).strip());
            } catch (IOException gone) {
                // the process ended while we looked
            }
        }
        return processes;
    }

    private static Set<String> namespaces() {
        return NAMESPACES.list();
    }

    record Result(int exit, String out) {
    }

    private static String ok(List<String> command) {
        Result result = run(command, Duration.ofSeconds(15));
        if (result.exit() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + result);
        }
        return result.out();
    }

    private static Process start(List<String> command) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs {@code command} inside the real guest at {@code guestAddress}, reached from {@code namespace} over the
     * tenant network through the test image's control listener (TCP {@value #GUEST_CONTROL_PORT}: one command line
     * per connection, output back, then it closes); returns the output.
     */
    static String inGuest(String namespace, String guestAddress, String command, Duration limit) {
        if (command.contains("\n")) {
            throw new IllegalArgumentException("one command line only: " + command);
        }
        Result result = run(List.of("ip", "netns", "exec", namespace, "busybox", "nc", "-w", Long.toString(
                limit.toSeconds()), guestAddress, Integer.toString(GUEST_CONTROL_PORT)), limit.plusSeconds(5),
                command + "\n");
        if (result.exit() != 0) {
            throw new AssertionError("could not run '" + command + "' in the guest at " + guestAddress + " from "
                    + namespace + ": " + result);
        }
        return result.out();
    }

    private static Result run(List<String> command, Duration limit) {
        return run(command, limit, "");
    }

    private static Result run(List<String> command, Duration limit, String input) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (var stdin = process.getOutputStream()) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> {
                try (var stream = process.getInputStream()) {
                    return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return new Result(-1, "no answer within " + limit.toSeconds() + " s");
            }
            return new Result(process.exitValue(), out.get(5, TimeUnit.SECONDS));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not read the output of " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
