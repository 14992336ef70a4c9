package io.isthmus.rms.infrastructure.segment;

import io.isthmus.rms.domain.segment.SegmentException;
import io.isthmus.rms.domain.site.NamespaceName;
import io.isthmus.rms.infrastructure.command.CommandException;
import io.isthmus.rms.infrastructure.command.CommandResult;
import io.isthmus.rms.infrastructure.command.CommandRunner;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Runs a driver's commands on one host and turns every failure into a {@link SegmentException} naming it. */
public final class HostCommands {

    private static final Pattern NO_DEVICE = Pattern.compile("Cannot find device|does not exist",
            Pattern.CASE_INSENSITIVE);

    private final CommandRunner runner;
    private final String where;

    public HostCommands(CommandRunner runner, Optional<NamespaceName> namespace) {
        this.runner = runner;
        this.where = namespace.map(ns -> "namespace " + ns).orElse("the host namespace");
    }

    /** Runs a command whatever its exit code; only a command that cannot run at all throws. */
    public CommandResult run(List<String> command) {
        try {
            return runner.run(command);
        } catch (CommandException e) {
            throw new SegmentException(e.getMessage() + " (in " + where + ")", e);
        }
    }

    /** Runs a command that must succeed; {@code what} says what it was for. */
    public CommandResult require(List<String> command, String what) {
        CommandResult result = run(command);
        if (!result.succeeded()) {
            throw new SegmentException("could not " + what + " in " + where + ": " + result.describe()
                    + "; check that the namespace exists and that the RMS runs as root");
        }
        return result;
    }

    /** Whether a failed command failed only because the interface it names is absent. */
    public static boolean deviceMissing(CommandResult result) {
        return !result.succeeded() && NO_DEVICE.matcher(result.stderr()).find();
    }

    /** "the host namespace" or "namespace <name>", for messages and logs. */
    public String where() {
        return where;
    }
}
