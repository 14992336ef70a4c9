package io.isthmus.rms.emulation;

import io.isthmus.rms.infrastructure.command.CommandRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The test guest's initramfs: static busybox, the virtio block driver and its dependencies, and an /init that mounts
 * the root disk and switches to it (guest script {@value GuestScripts#INITRAMFS_INIT}).
 */
final class Initramfs {

    private Initramfs() {
    }

    /** Lays the initramfs out under {@code work} and writes it, gzipped, to {@code archive}. */
    static void build(TestImageInputs inputs, GuestScripts scripts, Path work, Path archive, CommandRunner runner) {
        GuestTree tree = new GuestTree(work);
        tree.directories("dev", "proc", "sys", "newroot", "etc");
        tree.installBusybox(inputs.busybox(), inputs.busyboxApplets(), Set.of("linuxrc"));
        List<String> modules = tree.installModules(inputs.modules(), inputs.bootModules(), runner);
        tree.write("/etc/modules.order", String.join("\n", modules) + "\n", false);
        tree.write("/init", scripts.text(GuestScripts.INITRAMFS_INIT), true);
        CpioArchive.write(tree.root(), List.of(new CpioArchive.CharacterDevice("dev/console", 5, 1)), archive);
    }
}
