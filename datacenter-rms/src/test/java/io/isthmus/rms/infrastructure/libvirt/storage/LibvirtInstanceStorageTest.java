package io.isthmus.rms.infrastructure.libvirt.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.isthmus.rms.domain.compute.ComputeException;
import io.isthmus.rms.domain.compute.DomainName;
import io.isthmus.rms.domain.compute.GuestConfig;
import io.isthmus.rms.domain.compute.GuestNic;
import io.isthmus.rms.domain.compute.InstanceDisks;
import io.isthmus.rms.domain.reservation.ImageRef;
import io.isthmus.rms.domain.reservation.NodeName;
import io.isthmus.rms.domain.segment.Ipv4Interface;
import io.isthmus.rms.domain.segment.MacAddress;
import io.isthmus.rms.domain.site.HostName;
import io.isthmus.rms.domain.site.InvalidRequestException;
import io.isthmus.rms.domain.site.NamespaceName;
import io.isthmus.rms.emulation.HostLibvirtd;
import io.isthmus.rms.infrastructure.command.CommandResult;
import io.isthmus.rms.infrastructure.command.CommandRunner;
import io.isthmus.rms.infrastructure.libvirt.LibvirtHosts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The VMs' own files on two real libvirtds (emulated hosts a1 and a2, each with an image catalog pool and an
 * instance pool in directories of this test), checked on disk with qemu-img and isoinfo.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LibvirtInstanceStorageTest {

    private static final String INSTALL = "apt-get install -y --no-install-recommends libvirt-daemon"
            + " libvirt-daemon-driver-qemu qemu-system-x86 qemu-utils genisoimage";
    private static final CommandRunner RUN = new CommandRunner(Duration.ofSeconds(30));
    private static final HostName A1 = new HostName("a1");
    private static final HostName A2 = new HostName("a2");
    private static final DomainName DB = new DomainName("isthmus-0a1b2c3d-0b7d-4c61-9f1e-2a6d8c4b5e70-db-1");
    private static final ImageRef TINY = new ImageRef("tiny");

    private Path dir;
    private final List<String> namespaces = new ArrayList<>();
    private final List<HostLibvirtd> daemons = new ArrayList<>();
    private final Map<HostName, Path> instanceDirs = new LinkedHashMap<>();
    private final Map<HostName, Path> imageDirs = new LinkedHashMap<>();
    private final Map<HostName, String> uris = new LinkedHashMap<>();
    private LibvirtHosts hosts;
    private LibvirtSiteStorage storage;

    @BeforeAll
    void startTwoHosts(@TempDir Path tempDir) {
        dir = tempDir;
        assumeTrue("root".equals(System.getProperty("user.name")), "a private libvirtd needs root; run as root");
        for (String binary : List.of("/usr/sbin/libvirtd", "/usr/sbin/virtlogd", "/usr/bin/qemu-system-x86_64",
                "/usr/bin/qemu-img", "/usr/bin/genisoimage", "/usr/bin/isoinfo")) {
            assumeTrue(Files.isExecutable(Path.of(binary)), binary + " is missing; install with: " + INSTALL);
        }
        for (HostName host : List.of(A1, A2)) {
            String ns = "isth-stor-" + host;
            RUN.run(List.of("ip", "netns", "del", ns));
            require(RUN.run(List.of("ip", "netns", "add", ns)));
            namespaces.add(ns);
            HostLibvirtd daemon = HostLibvirtd.start(new NamespaceName(ns), host, dir.resolve(host.value()));
            daemons.add(daemon);
            imageDirs.put(host, dir.resolve(host + "-images"));
            instanceDirs.put(host, dir.resolve(host + "-instances"));
            daemon.ensureDirPool(StoragePoolNames.DEFAULT_IMAGES, imageDirs.get(host));
            daemon.ensureDirPool(StoragePoolNames.DEFAULT_INSTANCES, instanceDirs.get(host));
            uris.put(host, daemon.uri());
            require(RUN.run(List.of("qemu-img", "create", "-q", "-f", "qcow2",
                    imageDirs.get(host).resolve("tiny.qcow2").toString(), "64M")));
        }
        require(RUN.run(List.of("qemu-img", "create", "-q", "-f", "qcow2",
                imageDirs.get(A1).resolve("big.qcow2").toString(), "3G")));
        hosts = new LibvirtHosts(uris);
        storage = LibvirtSiteStorage.open(hosts, StoragePoolNames.DEFAULTS, RUN);
    }

    @AfterEach
    void deleteWhatATestPrepared() {
        if (storage != null) {
            for (HostName host : List.of(A1, A2)) {
                storage.instances().present(host).forEach(domain -> storage.instances().delete(host, domain));
            }
        }
    }

    @AfterAll
    void stopTheHosts() {
        if (hosts != null) {
            hosts.close();
        }
        daemons.forEach(HostLibvirtd::close);
        namespaces.forEach(ns -> RUN.run(List.of("ip", "netns", "del", ns)));
    }

    @Test
    void prepareGivesTheVmItsOwnOverlayOnTheCatalogImageAndASeedItsGuestReads() throws IOException {
        Path base = imageDirs.get(A1).resolve("tiny.qcow2");
        String baseBefore = sha256(base);
        GuestConfig guest = guest("10.0.0.11/24");

        InstanceDisks disks = storage.instances().prepare(A1, DB, TINY, 2, guest);

        Path instances = instanceDirs.get(A1);
        assertEquals(instances.resolve("isthmus-0a1b2c3d-0b7d-4c61-9f1e-2a6d8c4b5e70-db-1.qcow2"), disks.overlay());
        assertEquals(instances.resolve("isthmus-0a1b2c3d-0b7d-4c61-9f1e-2a6d8c4b5e70-db-1.seed.iso"), disks.seed());
        assertEquals(instances.resolve("isthmus-0a1b2c3d-0b7d-4c61-9f1e-2a6d8c4b5e70-db-1.console.log"), disks.consoleLog());
        assertEquals(Optional.empty(), disks.kernel());
        Map<String, Object> info = qemuImgInfo(disks.overlay());
        assertEquals("qcow2", info.get("format"));
        assertEquals(2L << 30, ((Number) info.get("virtual-size")).longValue(), "diskGib 2 as the virtual size");
        assertEquals(base.toString(), info.get("backing-filename"));
        assertEquals("qcow2", info.get("backing-filename-format"));
        assertEquals(baseBefore, sha256(base), "the catalog image is not written");
        NoCloudSeed expected = NoCloudSeed.of(guest);
        assertEquals(expected.metaData(), isoFile(disks.seed(), "meta-data"));
        assertEquals(expected.userData(), isoFile(disks.seed(), "user-data"));
        assertEquals(expected.networkConfig(), isoFile(disks.seed(), "network-config"));
        assertTrue(isoFile(disks.seed(), "network-config").contains("macaddress: \"02:49:53:00:00:01\""));
        assertTrue(require(RUN.run(List.of("isoinfo", "-d", "-i", disks.seed().toString()))).stdout()
                .contains("Volume id: cidata"), "NoCloud finds its seed by the volume label cidata");
        assertEquals(Set.of(DB), storage.instances().present(A1));
        assertEquals(Set.of(), storage.instances().present(A2));
    }

    @Test
    void aSecondPrepareCreatesNothingNew() throws IOException {
        InstanceDisks first = storage.instances().prepare(A1, DB, TINY, 2, guest("10.0.0.11/24"));
        Map<String, Object> before = files(instanceDirs.get(A1));

        InstanceDisks second = storage.instances().prepare(A1, DB, TINY, 2, guest("10.0.0.11/24"));

        assertEquals(first, second);
        assertEquals(before, files(instanceDirs.get(A1)), "same files, same inodes, same modification times");
    }

    @Test
    void aChangedGuestConfigurationRewritesTheSeedButNotTheOverlay() throws IOException {
        InstanceDisks disks = storage.instances().prepare(A1, DB, TINY, 2, guest("10.0.0.11/24"));
        Object overlayBefore = files(instanceDirs.get(A1)).get(disks.overlay().getFileName().toString());

        storage.instances().prepare(A1, DB, TINY, 2, guest("10.0.0.99/24"));

        assertTrue(isoFile(disks.seed(), "network-config").contains("10.0.0.99/24"),
                isoFile(disks.seed(), "network-config"));
        assertEquals(overlayBefore, files(instanceDirs.get(A1)).get(disks.overlay().getFileName().toString()),
                "the VM's disk is kept");
    }

    @Test
    void anImageLargerThanTheNodesDiskIsRefusedAndNothingIsCreated() throws IOException {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> storage.instances().prepare(A1, DB, new ImageRef("big"), 2, guest("10.0.0.11/24")));

        assertEquals("diskGib", e.field());
        assertTrue(e.getMessage().contains("node db-1") && e.getMessage().contains("image big")
                && e.getMessage().contains("3.0 GiB") && e.getMessage().contains("at least 3 GiB"), e.getMessage());
        assertEquals(Map.of(), files(instanceDirs.get(A1)));
    }

    @Test
    void anImageNotInTheCatalogIsRefusedNamingTheCatalogAndWhatItHolds() throws IOException {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> storage.instances().prepare(A1, DB, new ImageRef("debian-12"), 2, guest("10.0.0.11/24")));

        assertEquals("image", e.field());
        assertTrue(e.getMessage().contains("node db-1: image debian-12 is not in the image catalog")
                && e.getMessage().contains("storage pool 'isthmus-images' on host a1 holds big, tiny"),
                e.getMessage());
        assertEquals(Map.of(), files(instanceDirs.get(A1)));
    }

    @Test
    void deleteRemovesTheOverlaySeedAndConsoleLogsAndAgainDoesNothing() throws IOException {
        InstanceDisks disks = storage.instances().prepare(A1, DB, TINY, 2, guest("10.0.0.11/24"));
        Files.writeString(disks.consoleLog(), "SeaBIOS\nLinux version 6.1\nlogin: ");
        Files.writeString(instanceDirs.get(A1).resolve(disks.consoleLog().getFileName() + ".1"), "rotated");
        DomainName other = new DomainName("isthmus-0a1b2c3d-0b7d-4c61-9f1e-2a6d8c4b5e70-db-10");
        storage.instances().prepare(A1, other, TINY, 1, guest("10.0.0.12/24"));

        assertEquals(Optional.of("login: "), storage.instances().consoleTail(A1, DB, 7));
        assertEquals(Set.of(DB, other), storage.instances().present(A1));
        storage.instances().delete(A1, DB);

        assertEquals(Set.of("isthmus-0a1b2c3d-0b7d-4c61-9f1e-2a6d8c4b5e70-db-10.qcow2", "isthmus-0a1b2c3d-0b7d-4c61-9f1e-2a6d8c4b5e70-db-10.seed.iso"),
                files(instanceDirs.get(A1)).keySet(), "only the other VM's files are left");
        assertEquals(Set.of(other), storage.instances().present(A1));
        assertEquals(Optional.empty(), storage.instances().consoleTail(A1, DB, 7));
        storage.instances().delete(A1, DB);
        storage.instances().delete(A2, DB);
        storage.instances().delete(A1, other);
        assertEquals(Map.of(), files(instanceDirs.get(A1)), "no file of either VM is left");
    }

    @Test
    void anImageWithAKernelAndInitrdNextToItBootsThemWithItsCommandLine() throws IOException {
        Path images = imageDirs.get(A2);
        Files.write(images.resolve("tiny.vmlinuz"), new byte[] {1, 2, 3});
        Files.write(images.resolve("tiny.initrd"), new byte[] {4, 5, 6});
        Files.writeString(images.resolve("tiny.cmdline"), "root=/dev/vda ro console=ttyS0 quiet\n");
        try {
            InstanceDisks disks = storage.instances().prepare(A2, DB, TINY, 1, guest("10.0.0.11/24"));

            assertEquals(Optional.of(new InstanceDisks.DirectKernel(images.resolve("tiny.vmlinuz"),
                    images.resolve("tiny.initrd"), "root=/dev/vda ro console=ttyS0 quiet")), disks.kernel());
        } finally {
            for (String companion : List.of("tiny.vmlinuz", "tiny.initrd", "tiny.cmdline")) {
                Files.delete(images.resolve(companion));
            }
        }
    }

    @Test
    void theCatalogHoldsTheImagesEveryHostHas() {
        assertEquals(Set.of(TINY), storage.catalog().images(), "big is on a1 only");
    }

    @Test
    void aHostWithoutThePoolStopsTheStartNamingHostPoolAndWhatToDefine() {
        ComputeException e = assertThrows(ComputeException.class, () -> LibvirtSiteStorage.open(hosts,
                new StoragePoolNames(StoragePoolNames.DEFAULT_IMAGES, "vm-disks"), RUN));

        assertTrue(e.getMessage().contains("host a1") && e.getMessage().contains("no libvirt storage pool 'vm-disks'")
                && e.getMessage().contains("site.instancePool") && e.getMessage().contains("pool-define-as vm-disks dir"),
                e.getMessage());
        assertEquals("VIR_ERR_NO_STORAGE_POOL", e.errorCode());
    }

    private static GuestConfig guest(String address) {
        return new GuestConfig(DB, new NodeName("db-1"), List.of(new GuestNic(new MacAddress("02:49:53:00:00:01"),
                Optional.of(Ipv4Interface.parse(address)))));
    }

    private static Map<String, Object> qemuImgInfo(Path image) {
        return new Yaml().load(require(RUN.run(List.of("qemu-img", "info", "--output=json", image.toString())))
                .stdout());
    }

    private static String isoFile(Path iso, String name) {
        return require(RUN.run(List.of("isoinfo", "-R", "-x", "/" + name, "-i", iso.toString()))).stdout();
    }

    private static String sha256(Path file) {
        return require(RUN.run(List.of("sha256sum", file.toString()))).stdout().split(" ")[0];
    }

    /** Each file of {@code directory} with its inode and modification time. */
    private static Map<String, Object> files(Path directory) throws IOException {
        Map<String, Object> files = new TreeMap<>();
        try (Stream<Path> paths = Files.list(directory)) {
            for (Path path : paths.toList()) {
                BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
                files.put(path.getFileName().toString(), attributes.fileKey() + "@" + attributes.lastModifiedTime());
            }
        }
        return files;
    }

    private static CommandResult require(CommandResult result) {
        assertEquals(0, result.exitCode(), result.describe());
        return result;
    }
}
