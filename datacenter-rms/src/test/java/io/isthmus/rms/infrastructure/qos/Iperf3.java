package io.isthmus.rms.infrastructure.qos;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.isthmus.rms.domain.site.NamespaceName;
import io.isthmus.rms.infrastructure.command.CommandResult;
import io.isthmus.rms.infrastructure.command.CommandRunner;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bounded iperf3 run (3 s of TCP or UDP, one-off server) from one network namespace to another, e.g. from namespace a
 * to b of a {@link VethBetweenNamespaces}. The server is killed if it outlives the run.
 */
public final class Iperf3 {

    private static final Pattern RECEIVED = Pattern.compile(
            "\"sum_received\"\\s*:\\s*\\{[^}]*\"bits_per_second\"\\s*:\\s*([0-9.eE+]+)");

    private static final Pattern UDP_RECEIVED = Pattern.compile("\"sum_received\"\\s*:\\s*\\{([^}]*)\\}");

    private Iperf3() {
    }

    public static void assumeInstalled() {
        boolean present;
        try {
            present = CommandRunner.withDefaultTimeout().run(List.of("iperf3", "--version")).succeeded();
        } catch (RuntimeException e) {
            present = false;
        }
        assumeTrue(present, "iperf3 is not installed (apt-get install iperf3); throughput is not measured");
    }

    /** Received throughput in Mbit/s of a 3-second TCP run from {@code pair.a} to {@code pair.b}. */
    static double measureMbps(VethBetweenNamespaces pair) throws Exception {
        return measureMbps(pair.a, pair.b, VethBetweenNamespaces.ADDRESS_B);
    }

    /**
     * Received throughput in Mbit/s ({@code sum_received} of iperf3's JSON) of a 3-second TCP run from a client in
     * {@code client} to a server in {@code server} listening on {@code serverAddress}.
     */
    public static double measureMbps(NamespaceName client, NamespaceName server, String serverAddress)
            throws Exception {
        String json = run(client, server, serverAddress, "-t", "3");
        Matcher m = RECEIVED.matcher(json);
        if (!m.find()) {
            throw new AssertionError("iperf3 printed no received rate: " + json);
        }
        return Double.parseDouble(m.group(1)) / 1_000_000;
    }

    /**
     * Packets per second the server received in a 3-second UDP run of 64-byte datagrams offered at 20 Mbit/s (about
     * 39 000 pkt/s) from {@code client} to the server in {@code server} on {@code serverAddress}: the server's
     * {@code sum_received}, highest sequence number seen less the ones lost, over its seconds.
     */
    public static double measureUdpPacketsPerSecond(NamespaceName client, NamespaceName server, String serverAddress)
            throws Exception {
        String json = run(client, server, serverAddress, "-u", "-l", "64", "-b", "20M", "-t", "3");
        Matcher m = UDP_RECEIVED.matcher(json);
        if (!m.find()) {
            throw new AssertionError("iperf3 printed no received UDP sum: " + json);
        }
        String sum = m.group(1);
        double seconds = number(sum, "seconds");
        if (seconds <= 0) {
            throw new AssertionError("iperf3's UDP run lasted no time: " + sum);
        }
        return (number(sum, "packets") - number(sum, "lost_packets")) / seconds;
    }

    private static double number(String jsonObject, String field) {
        Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*([0-9.eE+-]+)").matcher(jsonObject);
        if (!m.find()) {
            throw new AssertionError("iperf3 printed no " + field + ": " + jsonObject);
        }
        return Double.parseDouble(m.group(1));
    }

    /** Sends {@code bytes} (iperf3's {@code -n}, e.g. {@code 10M} = 10 MiB) over TCP from {@code client} to the server. */
    static void send(NamespaceName client, NamespaceName server, String serverAddress, String bytes) throws Exception {
        run(client, server, serverAddress, "-n", bytes);
    }

    private static String run(NamespaceName client, NamespaceName server, String serverAddress, String... how)
            throws Exception {
        Process listener = new ProcessBuilder("ip", "netns", "exec", server.value(), "iperf3", "-s", "-1",
                "--forceflush", "-B", serverAddress).redirectErrorStream(true).start();
        try {
            CompletableFuture.runAsync(() -> awaitListening(listener)).get(10, TimeUnit.SECONDS);
            List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", client.value(), "iperf3", "-c",
                    serverAddress, "-J"));
            command.addAll(List.of(how));
            CommandResult run = new CommandRunner(Duration.ofSeconds(30)).run(command);
            if (!run.succeeded()) {
                throw new AssertionError(run.describe());
            }
            return run.stdout();
        } finally {
            // A server that never listened or outlives its one test is killed, which also ends the reader.
            if (!listener.waitFor(10, TimeUnit.SECONDS)) {
                listener.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static void awaitListening(Process server) {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        try {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.contains("Server listening")) {
                    return;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("iperf3 server in namespace exited before listening");
    }
}
