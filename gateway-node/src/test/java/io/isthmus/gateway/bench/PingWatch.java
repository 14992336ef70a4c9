package io.isthmus.gateway.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Pings several addresses at once from one namespace, every 50 ms until the first answer ({@code ping -c 1 -w}),
 * and tells when each one first answered.
 */
final class PingWatch {

    private PingWatch() {
    }

    /**
     * Milliseconds from {@code startNanos} until each address first answered, in the order given.
     *
     * @throws IllegalStateException when one does not answer within {@code timeoutSeconds}
     */
    static List<Double> firstAnswers(String ns, List<String> addresses, long startNanos, int timeoutSeconds) {
        List<Process> pings = new ArrayList<>();
        List<CompletableFuture<Long>> answered = new ArrayList<>();
        try {
            for (String address : addresses) {
                Process p = new ProcessBuilder("ip", "netns", "exec", ns, "ping", "-n", "-q", "-c", "1", "-i", "0.05",
                        "-w", Integer.toString(timeoutSeconds), address)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
                pings.add(p);
                answered.add(p.onExit().thenApply(done -> System.nanoTime()));
            }
            List<Double> millis = new ArrayList<>();
            for (int i = 0; i < pings.size(); i++) {
                long at = answered.get(i).get(timeoutSeconds + 5L, TimeUnit.SECONDS);
                if (pings.get(i).exitValue() != 0) {
                    throw new IllegalStateException("no answer from " + addresses.get(i) + " in namespace " + ns
                            + " within " + timeoutSeconds + " s: the tunnel does not carry it");
                }
                millis.add((at - startNanos) / 1e6);
            }
            return millis;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run ping in " + ns, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for pings", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("ping in " + ns + " did not end within " + (timeoutSeconds + 5) + " s", e);
        } finally {
            pings.forEach(Process::destroyForcibly);
        }
    }
}
