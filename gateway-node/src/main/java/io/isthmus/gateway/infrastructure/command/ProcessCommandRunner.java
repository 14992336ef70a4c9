package io.isthmus.gateway.infrastructure.command;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** {@link CommandRunner} on {@link ProcessBuilder}: captures stdout and stderr, kills commands that hang. */
public final class ProcessCommandRunner implements CommandRunner {

    private static final System.Logger LOG = System.getLogger(ProcessCommandRunner.class.getName());
    private static final long TIMEOUT_SECONDS = 60;

    @Override
    public CommandResult run(List<String> argv, String input) {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("no command given");
        }
        LOG.log(System.Logger.Level.DEBUG, "running {0}", argv);
        Process process;
        try {
            process = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException e) {
            throw new CommandFailedException(argv, e);
        }
        try {
            CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            IOException inputFailure = write(process, input);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new CommandFailedException(new CommandResult(argv, -1, "",
                        "killed after " + TIMEOUT_SECONDS + " s without finishing"));
            }
            CommandResult result = new CommandResult(argv, process.exitValue(), stdout.get(), stderr.get());
            if (!result.succeeded()) {
                CommandFailedException failed = new CommandFailedException(result);
                if (inputFailure != null) {
                    failed.addSuppressed(inputFailure);
                }
                throw failed;
            }
            if (inputFailure != null) {
                throw new CommandFailedException(argv, inputFailure);
            }
            return result;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new CommandFailedException(argv, e);
        } catch (ExecutionException e) {
            throw new CommandFailedException(argv, e);
        }
    }

    /** Feeds the input and closes stdin; a command that exits without reading it is judged by its exit code. */
    private static IOException write(Process process, String input) {
        try (OutputStream in = process.getOutputStream()) {
            in.write(input.getBytes(StandardCharsets.UTF_8));
            return null;
        } catch (IOException e) {
            return e;
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
