package io.isthmus.rms.infrastructure.segment;

import io.isthmus.rms.domain.segment.SegmentProbe;
import io.isthmus.rms.domain.segment.SegmentProbe.Reason;
import io.isthmus.rms.domain.site.NamespaceName;
import io.isthmus.rms.infrastructure.command.CommandException;
import io.isthmus.rms.infrastructure.command.CommandResult;
import io.isthmus.rms.infrastructure.command.CommandRunner;
import java.util.List;
import java.util.Optional;

/**
 * Finds out whether the Linux-bridge driver works on a host: iproute2 installed, running as root, the
 * emulated host's namespace present, and the kernel able to create a bridge and a VXLAN (tried with two
 * throw-away interfaces that are deleted again).
 */
final class LinuxBridgeProbe {

    private final CommandRunner runner;
    private final Optional<NamespaceName> host;
    private final LinuxBridgeCommands commands;

    LinuxBridgeProbe(CommandRunner runner, Optional<NamespaceName> host) {
        this.runner = runner;
        this.host = host;
        this.commands = new LinuxBridgeCommands(host);
    }

    SegmentProbe probe() {
        try {
            return check();
        } catch (CommandException e) {
            return refused(Reason.TOOL_MISSING, e.getMessage() + "; install iproute2 (apt-get install iproute2)");
        }
    }

    private SegmentProbe check() {
        for (List<String> tool : List.of(List.of("ip", "-V"), List.of("bridge", "-V"))) {
            if (!runner.run(tool).succeeded()) {
                return refused(Reason.TOOL_MISSING, "'" + String.join(" ", tool) + "' failed; install iproute2");
            }
        }
        if (!runner.run(List.of("id", "-u")).stdout().strip().equals("0")) {
            return refused(Reason.NOT_ROOT, "creating bridges and VXLAN ports needs root (CAP_NET_ADMIN); run the RMS"
                    + " as root");
        }
        if (host.isPresent() && !runner.run(commands.ip("link", "show", "lo")).succeeded()) {
            return refused(Reason.NAMESPACE_MISSING, "network namespace " + host.get() + " of this emulated host does"
                    + " not exist; create it (ip netns add " + host.get() + ") or start the emulated site again");
        }
        String suffix = Long.toString(ProcessHandle.current().pid() % 100_000);
        Optional<String> bridge = tryCreate("isprb" + suffix, "bridge");
        if (bridge.isPresent()) {
            return refused(Reason.KERNEL_FEATURE_MISSING, bridge.get());
        }
        Optional<String> vxlan = tryCreate("isprx" + suffix, "vxlan", "id", "16777215", "dstport", "1");
        return vxlan.map(problem -> refused(Reason.KERNEL_FEATURE_MISSING, problem))
                .orElseGet(() -> SegmentProbe.usable(LinuxBridgeSegmentDriver.NAME));
    }

    /** Creates and deletes a throw-away link (first removing one an interrupted probe left); says what failed. */
    private Optional<String> tryCreate(String name, String... type) {
        String[] args = new String[4 + type.length];
        System.arraycopy(new String[] {"link", "add", name, "type"}, 0, args, 0, 4);
        System.arraycopy(type, 0, args, 4, type.length);
        runner.run(commands.delete(name));
        CommandResult created = runner.run(commands.ip(args));
        if (!created.succeeded()) {
            return Optional.of("this kernel cannot create a " + type[0] + " (" + created.describe() + "); it needs"
                    + " CONFIG_" + (type[0].equals("vxlan") ? "VXLAN" : "BRIDGE"));
        }
        runner.run(commands.delete(name));
        return Optional.empty();
    }

    private static SegmentProbe refused(Reason reason, String message) {
        return SegmentProbe.refused(LinuxBridgeSegmentDriver.NAME, reason, message);
    }
}
