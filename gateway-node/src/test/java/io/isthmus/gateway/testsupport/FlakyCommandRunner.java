package io.isthmus.gateway.testsupport;

import io.isthmus.gateway.infrastructure.command.CommandFailedException;
import io.isthmus.gateway.infrastructure.command.CommandResult;
import io.isthmus.gateway.infrastructure.command.CommandRunner;
import io.isthmus.gateway.infrastructure.command.ProcessCommandRunner;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Runs every command for real, except the next one {@link #failOnce} names: that one is not run and fails as a
 * command exiting 2 with the given stderr would. For proving that a failure is retried.
 */
public final class FlakyCommandRunner implements CommandRunner {

    private final ProcessCommandRunner real = new ProcessCommandRunner();
    private Optional<Predicate<List<String>>> failing = Optional.empty();
    private String stderr = "";
    private int failed;

    @Override
    public CommandResult run(List<String> argv, String input) {
        synchronized (this) {
            if (failing.isPresent() && failing.get().test(argv)) {
                failing = Optional.empty();
                failed++;
                throw new CommandFailedException(new CommandResult(argv, 2, "", stderr));
            }
        }
        return real.run(argv, input);
    }

    /** The next command {@code which} matches fails with {@code stderr}; later ones run again. */
    public synchronized void failOnce(Predicate<List<String>> which, String stderr) {
        this.failing = Optional.of(which);
        this.stderr = stderr;
    }

    /** How many commands were failed on purpose so far. */
    public synchronized int failed() {
        return failed;
    }
}
