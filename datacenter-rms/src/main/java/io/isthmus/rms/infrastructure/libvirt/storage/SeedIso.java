package io.isthmus.rms.infrastructure.libvirt.storage;

import io.isthmus.rms.domain.compute.ComputeException;
import io.isthmus.rms.infrastructure.command.CommandException;
import io.isthmus.rms.infrastructure.command.CommandResult;
import io.isthmus.rms.infrastructure.command.CommandRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Builds the ISO 9660 image of a {@link NoCloudSeed} (volume id {@code cidata}, Joliet and Rock Ridge names) with
 * {@code genisoimage} in a temporary directory that is deleted afterwards. The image's application id carries the
 * seed's {@link NoCloudSeed#fingerprint() fingerprint}, so whether a seed on a host still says what a guest should
 * be told is read from its 2 KiB primary volume descriptor rather than by unpacking it.
 */
final class SeedIso {

    /** Where the primary volume descriptor starts (sector 16) and how long it is. */
    static final long DESCRIPTOR_OFFSET = 16 * 2048;
    static final int DESCRIPTOR_LENGTH = 2048;
    private static final int APPLICATION_ID_OFFSET = 574;
    private static final int APPLICATION_ID_LENGTH = 128;
    private static final String STAMP = "isthmus-nocloud sha256=";

    private final CommandRunner runner;

    SeedIso(CommandRunner runner) {
        this.runner = runner;
    }

    /** The ISO image of {@code seed}; {@code domain} is for messages. */
    byte[] build(NoCloudSeed seed, String domain) {
        try (TempDir temp = TempDir.create()) {
            Path dir = temp.path();
            List<String> command = new ArrayList<>(List.of("genisoimage", "-output", dir.resolve("seed.iso")
                    .toString(), "-volid", "cidata", "-joliet", "-rock", "-input-charset", "utf-8", "-appid",
                    STAMP + seed.fingerprint()));
            for (Map.Entry<String, String> file : seed.files().entrySet()) {
                Path path = dir.resolve(file.getKey());
                Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
                command.add(path.toString());
            }
            run(command, domain);
            return Files.readAllBytes(dir.resolve("seed.iso"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write or read the NoCloud seed of domain " + domain
                    + " in a temporary directory; check java.io.tmpdir", e);
        }
    }

    /** The fingerprint stamped into an ISO by {@link #build}, read from its primary volume descriptor. */
    static Optional<String> fingerprint(byte[] primaryVolumeDescriptor) {
        if (primaryVolumeDescriptor.length < DESCRIPTOR_LENGTH || primaryVolumeDescriptor[0] != 1
                || !new String(primaryVolumeDescriptor, 1, 5, StandardCharsets.US_ASCII).equals("CD001")) {
            return Optional.empty();
        }
        String applicationId = new String(primaryVolumeDescriptor, APPLICATION_ID_OFFSET, APPLICATION_ID_LENGTH,
                StandardCharsets.US_ASCII).strip();
        return applicationId.startsWith(STAMP) ? Optional.of(applicationId.substring(STAMP.length()))
                : Optional.empty();
    }

    private void run(List<String> command, String domain) {
        CommandResult result;
        try {
            result = runner.run(command);
        } catch (CommandException e) {
            throw new ComputeException("cannot build the NoCloud seed of domain " + domain + ": " + e.getMessage()
                    + " (apt-get install genisoimage)", "NOT_RUN", "genisoimage", e);
        }
        if (!result.succeeded()) {
            throw new ComputeException("cannot build the NoCloud seed of domain " + domain + ": " + result.describe(),
                    "EXIT_" + result.exitCode(), "genisoimage", null);
        }
    }

    /** A temporary directory deleted with all it holds at the end of try-with-resources. */
    private record TempDir(Path path) implements AutoCloseable {

        static TempDir create() throws IOException {
            return new TempDir(Files.createTempDirectory("isthmus-seed-"));
        }

        @Override
        public void close() {
            try (Stream<Path> paths = Files.walk(path)) {
                for (Path entry : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(entry);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete the temporary NoCloud seed directory " + path, e);
            }
        }
    }
}
