package io.isthmus.rms.infrastructure.segment;

import io.isthmus.rms.domain.segment.SegmentProbe;
import io.isthmus.rms.domain.segment.SegmentProbe.Reason;
import io.isthmus.rms.infrastructure.command.CommandException;
import io.isthmus.rms.infrastructure.command.CommandResult;
import io.isthmus.rms.infrastructure.command.CommandRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds out whether Open vSwitch can carry segments here: {@code ovs-vsctl} installed, the kernel's
 * openvswitch datapath loaded or loadable, and ovsdb-server answering.
 */
final class OvsProbe {

    private final CommandRunner runner;
    private final OvsCommands commands;
    private final Path loadedModule;

    OvsProbe(CommandRunner runner, OvsCommands commands, Path loadedModule) {
        this.runner = runner;
        this.commands = commands;
        this.loadedModule = loadedModule;
    }

    SegmentProbe probe() {
        if (!ran(commands.version())) {
            return refused(Reason.TOOL_MISSING, "ovs-vsctl is not installed: install Open vSwitch (apt-get install"
                    + " openvswitch-switch) or use the linux-bridge segment driver");
        }
        if (!Files.isDirectory(loadedModule) && !ran(List.of("modinfo", "openvswitch"))) {
            return refused(Reason.KERNEL_FEATURE_MISSING, "this kernel has no openvswitch datapath (module not loaded"
                    + " and not installed, CONFIG_OPENVSWITCH): use the linux-bridge segment driver on this host");
        }
        if (!ran(commands.show())) {
            return refused(Reason.SERVICE_UNREACHABLE, "ovsdb-server does not answer within "
                    + OvsCommands.TIMEOUT_SECONDS + " s: start Open vSwitch (systemctl start openvswitch-switch)");
        }
        if (!runner.run(List.of("id", "-u")).stdout().strip().equals("0")) {
            return refused(Reason.NOT_ROOT, "changing Open vSwitch bridges needs root; run the RMS as root");
        }
        return SegmentProbe.usable(OvsSegmentDriver.NAME);
    }

    private boolean ran(List<String> command) {
        try {
            CommandResult result = runner.run(command);
            return result.succeeded();
        } catch (CommandException notInstalled) {
            return false;
        }
    }

    private static SegmentProbe refused(Reason reason, String message) {
        return SegmentProbe.refused(OvsSegmentDriver.NAME, reason, message);
    }
}
