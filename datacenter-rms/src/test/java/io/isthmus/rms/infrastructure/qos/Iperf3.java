package io.isthmus.rms.infrastructure.qos;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.isthmus.rms.infrastructure.command.CommandResult;
import io.isthmus.rms.infrastructure.command.CommandRunner;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A bounded iperf3 run (3 s, one-off server) from namespace a to b of a {@link VethBetweenNamespaces}. */
final class Iperf3 {

    private static final Pattern RECEIVED = Pattern.compile(
            "\"sum_received\"\\s*:\\s*\\{[^}]*\"bits_per_second\"\\s*:\\s*([0-9.eE+]+)");

    private Iperf3() {
    }

    static void assumeInstalled() {
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
        Process server = new ProcessBuilder("ip", "netns", "exec", pair.b.value(), "iperf3", "-s", "-1",
                "--forceflush", "-B", VethBetweenNamespaces.ADDRESS_B).redirectErrorStream(true).start();
        try {
            CompletableFuture.runAsync(() -> awaitListening(server)).get(10, TimeUnit.SECONDS);
            CommandResult client = new CommandRunner(Duration.ofSeconds(30)).run(List.of("ip", "netns", "exec",
                    pair.a.value(), "iperf3", "-c", VethBetweenNamespaces.ADDRESS_B, "-t", "3", "-J"));
            if (!client.succeeded()) {
                throw new AssertionError(client.describe());
            }
            Matcher m = RECEIVED.matcher(client.stdout());
            if (!m.find()) {
                throw new AssertionError("iperf3 printed no received rate: " + client.stdout());
            }
            return Double.parseDouble(m.group(1)) / 1_000_000;
        } finally {
            // A server that never listened or outlives its one test is killed, which also ends the reader.
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor();
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
