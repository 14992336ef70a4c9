package io.isthmus.examples.federation.topology;

import java.util.List;

/** A command that exited non-zero (or could not run); carries the command, exit code and both outputs. */
public class CommandFailedException extends RuntimeException {

    private final int exitCode;
    private final String stderr;

    public CommandFailedException(List<String> command, int exitCode, String stdout, String stderr) {
        super("command " + String.join(" ", command) + " exited with " + exitCode
                + (stderr.isBlank() ? "" : "; stderr: " + stderr.strip())
                + (stdout.isBlank() ? "" : "; stdout: " + stdout.strip()));
        this.exitCode = exitCode;
        this.stderr = stderr;
    }

    public CommandFailedException(List<String> command, Throwable cause) {
        super("command " + String.join(" ", command) + " could not be run: " + cause.getMessage(), cause);
        this.exitCode = -1;
        this.stderr = "";
    }

    public int exitCode() {
        return exitCode;
    }

    public String stderr() {
        return stderr;
    }
}
