package io.isthmus.examples.federation.process;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/**
 * Waits until a child answers its readiness address ({@code ?wsdl} for the federation's services) with HTTP 200 and a
 * body, or fails naming the child and its log.
 */
public final class ReadinessProbe {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(300);
    private static final int CONNECT_TIMEOUT_MS = 2_000;

    private ReadinessProbe() {
    }

    /** True when the address answers 200 now. */
    public static boolean answers(URI url) {
        try {
            HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection();
            connection.setConnectTimeout(CONNECT_TIMEOUT_MS);
            connection.setReadTimeout(CONNECT_TIMEOUT_MS * 5);
            try (InputStream body = connection.getResponseCode() == 200 ? connection.getInputStream() : null) {
                return body != null && body.readAllBytes().length > 0;
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            return false;
        }
    }

    /** Blocks until the child is ready; throws when it dies or the spec's timeout passes. */
    public static void awaitReady(ChildProcess child) {
        LaunchSpec spec = child.spec();
        Instant deadline = Instant.now().plus(spec.readyTimeout());
        while (!answers(spec.readinessUrl())) {
            if (!child.isAlive()) {
                throw new ChildProcessException(spec.name() + " exited with code " + child.exitCode().orElse(-1)
                        + " before answering " + spec.readinessUrl() + "; see its log " + child.logFile());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new ChildProcessException(spec.name() + " (pid " + child.pid() + ") did not answer "
                        + spec.readinessUrl() + " within " + spec.readyTimeout().toSeconds() + " s; see its log "
                        + child.logFile());
            }
            sleep();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChildProcessException("interrupted while waiting for a child to become ready", e);
        }
    }
}
