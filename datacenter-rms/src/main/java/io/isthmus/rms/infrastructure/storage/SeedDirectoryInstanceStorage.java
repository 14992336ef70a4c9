package io.isthmus.rms.infrastructure.storage;

import io.isthmus.rms.domain.compute.ComputeException;
import io.isthmus.rms.domain.compute.DomainName;
import io.isthmus.rms.domain.compute.GuestConfig;
import io.isthmus.rms.domain.compute.GuestNic;
import io.isthmus.rms.domain.compute.InstanceDisks;
import io.isthmus.rms.domain.compute.InstanceStorage;
import io.isthmus.rms.domain.reservation.ImageRef;
import io.isthmus.rms.domain.site.HostName;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The per-VM storage of hosts on the libvirt test driver, which runs no guest: each VM gets a directory
 * {@code <root>/<host>/<domain>/} with its NoCloud seed written for real ({@code seed/meta-data} and
 * {@code seed/network-config}, what a guest would read) and its console log; the overlay is named there but not
 * written, as nothing would ever read it. Idempotent: prepare rewrites a seed that differs, delete removes the
 * directory, present lists the directories (for reconcile after a restart).
 */
public final class SeedDirectoryInstanceStorage implements InstanceStorage {

    private final Path root;

    public SeedDirectoryInstanceStorage(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public InstanceDisks prepare(HostName host, DomainName domain, ImageRef image, int diskGib, GuestConfig guest) {
        Path dir = dir(host, domain);
        Path seed = dir.resolve("seed");
        try {
            Files.createDirectories(seed);
            writeIfDifferent(seed.resolve("meta-data"), NoCloudSeed.metaData(guest));
            writeIfDifferent(seed.resolve("network-config"), NoCloudSeed.networkConfig(guest));
            Path console = dir.resolve("console.log");
            if (!Files.exists(console)) {
                Files.createFile(console);
            }
            return new InstanceDisks(dir.resolve("overlay.qcow2"), seed, console, Optional.empty());
        } catch (IOException e) {
            throw failure("cannot write the seed of " + domain + " (image " + image + ") under " + dir, e);
        }
    }

    @Override
    public void delete(HostName host, DomainName domain) {
        Path dir = dir(host, domain);
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw failure("cannot delete the files of " + domain + " under " + dir, e);
        }
    }

    @Override
    public Optional<String> consoleTail(HostName host, DomainName domain, int maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes " + maxBytes + " must be positive");
        }
        Path console = dir(host, domain).resolve("console.log");
        try (RandomAccessFile log = new RandomAccessFile(console.toFile(), "r")) {
            long start = Math.max(0, log.length() - maxBytes);
            byte[] tail = new byte[(int) (log.length() - start)];
            log.seek(start);
            log.readFully(tail);
            return Optional.of(new String(tail, StandardCharsets.UTF_8));
        } catch (FileNotFoundException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw failure("cannot read the console log " + console + " of " + domain, e);
        }
    }

    @Override
    public Set<DomainName> present(HostName host) {
        Path hostDir = root.resolve(host.value());
        if (!Files.isDirectory(hostDir)) {
            return Set.of();
        }
        try (Stream<Path> dirs = Files.list(hostDir)) {
            return dirs.map(d -> DomainName.parse(d.getFileName().toString())).flatMap(Optional::stream)
                    .collect(java.util.stream.Collectors.toCollection(() -> new TreeSet<>(
                            Comparator.comparing(DomainName::value))));
        } catch (IOException e) {
            throw failure("cannot list the VM directories under " + hostDir, e);
        }
    }

    private Path dir(HostName host, DomainName domain) {
        return root.resolve(host.value()).resolve(domain.value());
    }

    private static void writeIfDifferent(Path file, String content) throws IOException {
        if (!Files.exists(file) || !Files.readString(file).equals(content)) {
            Files.writeString(file, content);
        }
    }

    private static ComputeException failure(String what, IOException e) {
        return new ComputeException(what + ": " + e.getMessage() + "; check that site.dataDir is writable",
                "VIR_ERR_STORAGE", "ISTHMUS_INSTANCE_STORAGE", e);
    }

    /** The NoCloud files a guest reads at first boot (cloud-init's meta-data and network config v2). */
    static final class NoCloudSeed {

        private NoCloudSeed() {
        }

        static String metaData(GuestConfig guest) {
            return "instance-id: " + guest.instanceId() + "\nlocal-hostname: " + guest.hostname() + "\n";
        }

        static String networkConfig(GuestConfig guest) {
            StringBuilder yaml = new StringBuilder("version: 2\nethernets:\n");
            List<GuestNic> nics = guest.nics();
            for (int i = 0; i < nics.size(); i++) {
                GuestNic nic = nics.get(i);
                yaml.append("  nic").append(i).append(":\n    match:\n      macaddress: \"").append(nic.mac())
                        .append("\"\n    set-name: eth").append(i).append('\n');
                nic.address().ifPresentOrElse(
                        a -> yaml.append("    addresses: [\"").append(a).append("\"]\n"),
                        () -> yaml.append("    dhcp4: false\n"));
            }
            return yaml.toString();
        }
    }
}
