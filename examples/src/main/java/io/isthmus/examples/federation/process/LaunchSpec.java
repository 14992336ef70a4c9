package io.isthmus.examples.federation.process;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What to start: a name (also the log file's name), the command as an argument array, the working
 * directory, the address that answers HTTP 200 once it is ready ({@code ?wsdl} for the federation's services), how
 * long to wait for that, and how its environment differs from this process's.
 */
public record LaunchSpec(String name, List<String> command, Path workingDirectory, URI readinessUrl,
                         Duration readyTimeout, ChildEnvironment environment) {

    /** A child with this process's environment. */
    public LaunchSpec(String name, List<String> command, Path workingDirectory, URI readinessUrl,
                      Duration readyTimeout) {
        this(name, command, workingDirectory, readinessUrl, readyTimeout, ChildEnvironment.INHERIT);
    }

    public LaunchSpec {
        if (name == null || !name.matches("[a-z][a-z0-9-]{0,30}")) {
            throw new IllegalArgumentException("'" + name + "' is not a usable process name");
        }
        command = List.copyOf(command);
        Objects.requireNonNull(environment, "environment (ChildEnvironment.INHERIT for none)");
        if (command.isEmpty()) {
            throw new IllegalArgumentException("process " + name + " has an empty command");
        }
    }
}
