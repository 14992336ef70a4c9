package io.isthmus.rms.emulation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.rms.infrastructure.command.CommandResult;
import io.isthmus.rms.infrastructure.command.CommandRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A cloud-init NoCloud seed as the RMS writes it (double-quoted values, list items at their key's indent, one
 * {@code nic<i>} per NIC matched by MAC, no DHCP), on an iso9660 image labelled cidata made by genisoimage.
 */
final class NoCloudSeedIso {

    private NoCloudSeedIso() {
    }

    /** One NIC of the seed: its MAC and IPv4/prefix. */
    record Nic(String mac, String address) {
    }

    static Path write(Path directory, String instanceId, String hostname, List<Nic> nics) throws IOException {
        Path files = Files.createDirectories(directory.resolve("seed-files"));
        Files.writeString(files.resolve("meta-data"),
                "instance-id: \"" + instanceId + "\"\nlocal-hostname: \"" + hostname + "\"\n");
        Files.writeString(files.resolve("user-data"), "#cloud-config\n");
        StringBuilder network = new StringBuilder("version: 2\nethernets:\n");
        for (int i = 0; i < nics.size(); i++) {
            network.append("  nic").append(i).append(":\n")
                    .append("    match:\n")
                    .append("      macaddress: \"").append(nics.get(i).mac()).append("\"\n")
                    .append("    addresses:\n")
                    .append("    - ").append(nics.get(i).address()).append('\n')
                    .append("    dhcp4: false\n");
        }
        Files.writeString(files.resolve("network-config"), network.toString());
        Path iso = directory.resolve("seed.iso");
        CommandResult result = CommandRunner.withDefaultTimeout().run(List.of("genisoimage", "-quiet", "-output",
                iso.toString(), "-volid", "cidata", "-joliet", "-rock", files.resolve("user-data").toString(),
                files.resolve("meta-data").toString(), files.resolve("network-config").toString()));
        assertTrue(result.succeeded(), result.describe());
        return iso;
    }
}
