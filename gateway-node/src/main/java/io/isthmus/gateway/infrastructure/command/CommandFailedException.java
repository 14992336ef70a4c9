package io.isthmus.gateway.infrastructure.command;

import java.util.List;

/** A command that exited non-zero (or could not be started), with everything it said. */
public class CommandFailedException extends RuntimeException {

    private final transient CommandResult result;

    public CommandFailedException(CommandResult result) {
        super("command " + String.join(" ", result.argv()) + " failed with exit code " + result.exitCode()
                + ": " + describe(result));
        this.result = result;
    }

    public CommandFailedException(List<String> argv, Throwable cause) {
        super("command " + String.join(" ", argv) + " could not be run: " + cause.getMessage(), cause);
        this.result = new CommandResult(argv, -1, "", String.valueOf(cause.getMessage()));
    }

    public CommandResult result() {
        return result;
    }

    public int exitCode() {
        return result.exitCode();
    }

    public String stderr() {
        return result.stderr();
    }

    public String stdout() {
        return result.stdout();
    }

    private static String describe(CommandResult r) {
        String err = r.stderr().strip();
        String out = r.stdout().strip();
        return "stderr: [" + err + "]" + (out.isEmpty() ? "" : " stdout: [" + out + "]");
    }
}
