package io.isthmus.examples.federation.topology;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Runs one command as an argument array (never through a shell) and captures its output. */
public final class CommandRunner {

    private static final long TIMEOUT_SECONDS = 30;

    /** Runs the command; returns its stdout, or throws with exit code, stdout and stderr when it fails. */
    public String run(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(List.copyOf(command));
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            CompletableFuture<String> stdout = readAsync(process.getInputStream());
            CompletableFuture<String> stderr = readAsync(process.getErrorStream());
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new CommandFailedException(command, -1, "", "no answer within " + TIMEOUT_SECONDS + " s");
            }
            String out = stdout.get();
            String err = stderr.get();
            if (process.exitValue() != 0) {
                throw new CommandFailedException(command, process.exitValue(), out, err);
            }
            return out;
        } catch (IOException e) {
            throw new CommandFailedException(command, e);
        } catch (ExecutionException e) {
            throw new CommandFailedException(command, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailedException(command, e);
        }
    }

    private static CompletableFuture<String> readAsync(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
