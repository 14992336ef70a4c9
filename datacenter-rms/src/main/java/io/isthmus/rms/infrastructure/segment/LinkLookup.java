package io.isthmus.rms.infrastructure.segment;

import io.isthmus.rms.domain.segment.SegmentException;
import io.isthmus.rms.infrastructure.command.CommandResult;
import java.util.Optional;

/** Reads one link's current state, telling "absent" apart from "could not look". */
final class LinkLookup {

    private LinkLookup() {
    }

    static Optional<IpLink> find(HostCommands shell, LinuxBridgeCommands commands, String name) {
        CommandResult shown = shell.run(commands.showLink(name));
        if (HostCommands.deviceMissing(shown)) {
            return Optional.empty();
        }
        if (!shown.succeeded()) {
            throw new SegmentException("could not inspect " + name + " in " + shell.where() + ": " + shown.describe()
                    + "; check that the namespace exists and that the RMS runs as root");
        }
        return Optional.of(IpLink.parse(shown.stdout().strip()).orElseThrow(() -> new SegmentException(
                "could not read the state of " + name + " in " + shell.where() + " from: " + shown.stdout())));
    }
}
