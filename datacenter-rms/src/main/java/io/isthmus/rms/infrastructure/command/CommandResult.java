package io.isthmus.rms.infrastructure.command;

import java.util.List;

/** How a finished command ended: its arguments, exit code and captured output. */
public record CommandResult(List<String> command, int exitCode, String stdout, String stderr) {

    public CommandResult {
        command = List.copyOf(command);
    }

    public boolean succeeded() {
        return exitCode == 0;
    }

    /** One line for an error message: the command, its exit code and what it printed. */
    public String describe() {
        return "'" + String.join(" ", command) + "' exited with " + exitCode
                + (stderr.isBlank() ? "" : ": " + stderr.strip())
                + (stdout.isBlank() ? "" : " (stdout: " + stdout.strip() + ")");
    }
}
