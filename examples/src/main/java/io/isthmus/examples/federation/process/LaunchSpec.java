package io.isthmus.examples.federation.process;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What to start: a name (also the log file's name), the command as an argument array, the working
 * directory, the {@code ?wsdl} address that answers once it is ready, and how long to wait for that.
 */
public record LaunchSpec(String name, List<String> command, Path workingDirectory, URI readinessUrl,
                         Duration readyTimeout) {

    public LaunchSpec {
        if (name == null || !name.matches("[a-z][a-z0-9-]{0,30}")) {
            throw new IllegalArgumentException("'" + name + "' is not a usable process name");
        }
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("process " + name + " has an empty command");
        }
    }
}
