package io.isthmus.rms.emulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which module files the guest loads, in which order: from modules.dep as the kernel packages write it. */
class KernelModulesTest {

    @TempDir
    Path directory;

    @Test
    void everyModuleComesAfterWhatItNeedsAndOnlyOnce() throws IOException {
        Files.writeString(directory.resolve("modules.dep"), """
                kernel/drivers/virtio/virtio.ko.xz: kernel/drivers/virtio/virtio_ring.ko.xz
                kernel/drivers/virtio/virtio_ring.ko.xz:
                kernel/drivers/virtio/virtio_pci.ko.xz: kernel/drivers/virtio/virtio_pci_legacy_dev.ko.xz \
                kernel/drivers/virtio/virtio.ko.xz kernel/drivers/virtio/virtio_ring.ko.xz
                kernel/drivers/virtio/virtio_pci_legacy_dev.ko.xz:
                kernel/drivers/block/virtio_blk.ko.xz: kernel/drivers/virtio/virtio.ko.xz \
                kernel/drivers/virtio/virtio_ring.ko.xz
                kernel/fs/isofs/isofs.ko.xz: kernel/drivers/cdrom/cdrom.ko.xz
                kernel/drivers/cdrom/cdrom.ko.xz:
                """);
        Files.writeString(directory.resolve("modules.builtin"), "kernel/fs/ext4/ext4.ko\n");

        List<String> order = KernelModules.read(directory).loadOrder(List.of("virtio_pci", "virtio-blk", "ext4",
                "isofs"));

        assertEquals(List.of("kernel/drivers/virtio/virtio_pci_legacy_dev.ko.xz",
                "kernel/drivers/virtio/virtio_ring.ko.xz", "kernel/drivers/virtio/virtio.ko.xz",
                "kernel/drivers/virtio/virtio_pci.ko.xz", "kernel/drivers/block/virtio_blk.ko.xz",
                "kernel/drivers/cdrom/cdrom.ko.xz", "kernel/fs/isofs/isofs.ko.xz"), order);
    }

    @Test
    void aModuleTheKernelDoesNotHaveIsNamed() throws IOException {
        Files.writeString(directory.resolve("modules.dep"), "kernel/drivers/virtio/virtio_ring.ko:\n");

        TestImageException e = assertThrows(TestImageException.class,
                () -> KernelModules.read(directory).loadOrder(List.of("virtio_net")));

        assertTrue(e.getMessage().contains("has no module virtio_net"), e.getMessage());
    }

    @Test
    void aModulePathLeavingTheModuleDirectoryIsRefused() throws IOException {
        Files.writeString(directory.resolve("modules.dep"), "kernel/../../../etc/shadow.ko:\n");

        assertThrows(TestImageException.class, () -> KernelModules.read(directory));
    }
}
