package io.isthmus.rms.emulation;

import io.isthmus.rms.infrastructure.command.CommandResult;
import io.isthmus.rms.infrastructure.command.CommandRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The test guest's root disk: busybox with its applets, iperf3 with its libraries, the guest's kernel modules and
 * its init scripts, laid out in a directory, made into an ext4 filesystem by {@code mke2fs -d} (nothing is mounted)
 * and converted to qcow2.
 */
final class RootFilesystem {

    /** The virtual size of the disk; the content takes about a quarter of it. */
    static final String SIZE = "64M";
    static final String LABEL = "isthmus-root";

    private RootFilesystem() {
    }

    static void build(TestImageInputs inputs, GuestScripts scripts, Path work, Path qcow2, CommandRunner runner) {
        GuestTree tree = new GuestTree(work.resolve("root"));
        tree.directories("dev", "proc", "sys", "tmp", "run", "root", "mnt", "etc/isthmus");
        tree.installBusybox(inputs.busybox(), inputs.busyboxApplets(), Set.of("sbin/init", "linuxrc"));
        tree.write("/sbin/init", scripts.text(GuestScripts.INIT), true);
        tree.write("/etc/isthmus/yaml.awk", scripts.text(GuestScripts.YAML_PARSER), false);
        tree.write("/etc/isthmus/control", scripts.text(GuestScripts.CONTROL), true);
        List<String> modules = tree.installModules(inputs.modules(), inputs.guestModules(), runner);
        tree.write("/etc/isthmus/modules", String.join("\n", modules) + "\n", false);
        tree.copy(inputs.iperf3(), "/usr/bin/iperf3", true);
        for (Path library : inputs.iperf3Libraries()) {
            tree.copy(library, library.toString(), true);
        }
        tree.write("/etc/hosts", "127.0.0.1 localhost\n", false);
        tree.write("/etc/passwd", "root:x:0:0:root:/root:/bin/sh\n", false);
        tree.write("/etc/group", "root:x:0:\n", false);

        Path raw = work.resolve("root.ext4");
        run(runner, List.of(inputs.tools().mke2fs().toString(), "-q", "-F", "-t", "ext4", "-L", LABEL, "-E",
                "root_owner=0:0", "-d", tree.root().toString(), raw.toString(), SIZE));
        run(runner, List.of(inputs.tools().qemuImg().toString(), "convert", "-q", "-f", "raw", "-O", "qcow2",
                raw.toString(), qcow2.toString()));
        try {
            Files.delete(raw);
        } catch (IOException e) {
            throw new TestImageException("cannot delete the raw root disk " + raw, e);
        }
    }

    private static void run(CommandRunner runner, List<String> command) {
        CommandResult result = runner.run(command);
        if (!result.succeeded()) {
            throw new TestImageException("building the test guest's root disk failed: " + result.describe());
        }
    }
}
