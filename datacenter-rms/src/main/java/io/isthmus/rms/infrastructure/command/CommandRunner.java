package io.isthmus.rms.infrastructure.command;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** Runs one command from an argument array (never through a shell) and captures its exit code and output. */
public final class CommandRunner {

    /** Output readers block on pipes, so they get their own daemon threads rather than the common pool. */
    private static final ExecutorService READERS = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "command-output-reader");
        thread.setDaemon(true);
        return thread;
    });

    private final Duration timeout;

    public CommandRunner(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("command timeout " + timeout + " must be positive");
        }
        this.timeout = timeout;
    }

    /** A runner that gives each command 10 seconds. */
    public static CommandRunner withDefaultTimeout() {
        return new CommandRunner(Duration.ofSeconds(10));
    }

    /**
     * Runs {@code command} to completion, whatever its exit code.
     *
     * @throws CommandException when it cannot be started, is interrupted or outlives the timeout
     */
    public CommandResult run(List<String> command) {
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new CommandException("could not start '" + String.join(" ", command) + "': install it or fix PATH",
                    e);
        }
        closeInput(process);
        CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> read(process.getInputStream()), READERS);
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()), READERS);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new CommandException("'" + String.join(" ", command) + "' did not finish within " + timeout
                        + "; it was killed");
            }
            return new CommandResult(command, process.exitValue(), stdout.get(), stderr.get());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new CommandException("interrupted while running '" + String.join(" ", command) + "'", e);
        } catch (ExecutionException e) {
            throw new CommandException("could not read the output of '" + String.join(" ", command) + "'",
                    e.getCause());
        }
    }

    /**
     * Starts a long-running {@code command} (a daemon kept in the foreground so that its owner can stop it) with
     * stdout and stderr appended to {@code log}; stdin is closed.
     *
     * @throws CommandException when it cannot be started
     */
    public Process spawn(List<String> command, Path log) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            closeInput(process);
            return process;
        } catch (IOException e) {
            throw new CommandException("could not start '" + String.join(" ", command) + "': install it or fix PATH",
                    e);
        }
    }

    /** The commands run here read nothing; an open stdin would only keep a prompting tool waiting. */
    private static void closeInput(Process process) {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new CommandException("could not close the input of a started command", e);
        }
    }

    private static String read(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
