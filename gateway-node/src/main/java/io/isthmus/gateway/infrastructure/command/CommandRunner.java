package io.isthmus.gateway.infrastructure.command;

import java.util.List;

/** Runs one external command given as an argument array (never through a shell). */
public interface CommandRunner {

    /**
     * Runs the command to completion.
     *
     * @return its result when it exited 0
     * @throws CommandFailedException when it exited non-zero or could not be started
     */
    default CommandResult run(List<String> argv) {
        return run(argv, "");
    }

    /**
     * Runs the command with {@code input} on its standard input (e.g. a generated ruleset for {@code nft -f -}).
     *
     * @return its result when it exited 0
     * @throws CommandFailedException when it exited non-zero or could not be started
     */
    CommandResult run(List<String> argv, String input);
}
