package io.isthmus.gateway.bench;

import io.isthmus.gateway.infrastructure.command.CommandResult;
import io.isthmus.gateway.infrastructure.command.ProcessCommandRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One iperf3 TCP measurement between two namespaces: a one-shot server ({@code -s -1}) in one, the client with
 * {@code -t <seconds> -O <omit> -J} in the other; the server is killed if it outlives the client.
 */
final class Iperf3 {

    /** Received rate over the measured seconds (the omitted first ones excluded), and the sender's retransmits. */
    record Result(double mbps, long retransmits) {
    }

    private static final Pattern RECEIVED = Pattern.compile(
            "\"sum_received\"\\s*:\\s*\\{[^}]*?\"bits_per_second\"\\s*:\\s*([0-9.eE+-]+)");
    private static final Pattern RETRANSMITS = Pattern.compile(
            "\"sum_sent\"\\s*:\\s*\\{[^}]*?\"retransmits\"\\s*:\\s*(\\d+)");
    private static final int PORT = 5201;

    private final ProcessCommandRunner runner = new ProcessCommandRunner();
    private final int seconds;
    private final int omit;

    Iperf3(int seconds, int omit) {
        this.seconds = seconds;
        this.omit = omit;
    }

    Result measure(String serverNs, String clientNs, String serverAddress) {
        Process server = startServer(serverNs);
        try {
            awaitListening(serverNs);
            CommandResult client = runner.run(List.of("ip", "netns", "exec", clientNs, "iperf3", "-c", serverAddress,
                    "-p", Integer.toString(PORT), "-t", Integer.toString(seconds), "-O", Integer.toString(omit), "-J"));
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                System.err.println("bench: iperf3 server in " + serverNs + " did not end after its test; killed");
            }
            return parse(client.stdout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while iperf3 ran", e);
        } finally {
            server.destroyForcibly();
        }
    }

    static Result parse(String json) {
        Matcher rate = RECEIVED.matcher(json);
        Matcher retr = RETRANSMITS.matcher(json);
        if (!rate.find()) {
            throw new IllegalStateException("iperf3 -J output has no end.sum_received.bits_per_second: " + json);
        }
        return new Result(Double.parseDouble(rate.group(1)) / 1e6, retr.find() ? Long.parseLong(retr.group(1)) : -1);
    }

    private static Process startServer(String ns) {
        try {
            return new ProcessBuilder("ip", "netns", "exec", ns, "iperf3", "-s", "-1", "-p", Integer.toString(PORT))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start iperf3 in " + ns + " (apt-get install iperf3)", e);
        }
    }

    private void awaitListening(String ns) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            String listening = runner.run(List.of("ip", "netns", "exec", ns, "ss", "-Hltn", "sport", "=",
                    ":" + PORT)).stdout();
            if (!listening.isBlank()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("iperf3 server in namespace " + ns + " is not listening on TCP " + PORT
                + " after 10 s");
    }
}
