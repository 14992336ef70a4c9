package io.isthmus.gateway.testsupport;

import io.isthmus.gateway.infrastructure.command.CommandFailedException;
import io.isthmus.gateway.infrastructure.command.CommandResult;
import io.isthmus.gateway.infrastructure.command.CommandRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A recording fake {@link CommandRunner}: runs nothing, remembers every argument array it was given (thread-safe:
 * the data plane deletes interfaces concurrently) and answers success with empty output, or a failure with the
 * given stderr for the commands {@link #failing} names. For counting the commands a use case runs.
 */
public final class RecordingCommandRunner implements CommandRunner {

    private final List<List<String>> commands = new ArrayList<>();
    private Optional<Predicate<List<String>>> failing = Optional.empty();
    private String failureStderr = "";

    @Override
    public synchronized CommandResult run(List<String> argv, String input) {
        commands.add(List.copyOf(argv));
        if (failing.isPresent() && failing.get().test(argv)) {
            throw new CommandFailedException(new CommandResult(argv, 2, "", failureStderr));
        }
        return new CommandResult(argv, 0, "", "");
    }

    /** From now on, the commands {@code which} matches exit 2 printing {@code stderr}. */
    public synchronized void failing(Predicate<List<String>> which, String stderr) {
        this.failing = Optional.of(which);
        this.failureStderr = stderr;
    }

    /** The commands run so far, in the order they started. */
    public synchronized List<List<String>> commands() {
        return List.copyOf(commands);
    }

    public synchronized void forget() {
        commands.clear();
    }
}
