package io.isthmus.gateway.infrastructure.command;

import java.util.List;

/** What a finished command did: its arguments, exit code and captured output. */
public record CommandResult(List<String> argv, int exitCode, String stdout, String stderr) {

    public CommandResult {
        argv = List.copyOf(argv);
    }

    public boolean succeeded() {
        return exitCode == 0;
    }
}
