package io.isthmus.rms.infrastructure.libvirt.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.isthmus.rms.domain.compute.DomainName;
import io.isthmus.rms.domain.compute.GuestConfig;
import io.isthmus.rms.domain.reservation.NodeName;
import io.isthmus.rms.infrastructure.command.CommandRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The seed ISO carries the fingerprint of its files, read back from its primary volume descriptor alone. */
class SeedIsoTest {

    private static final CommandRunner RUN = new CommandRunner(Duration.ofSeconds(30));

    @Test
    void theFingerprintOfTheFilesIsReadBackFromTheVolumeDescriptor() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/genisoimage")),
                "genisoimage is missing; install with: apt-get install -y --no-install-recommends genisoimage");
        NoCloudSeed seed = NoCloudSeed.of(new GuestConfig(new DomainName("isthmus-0a1b2c3d-0b7d-4c61-9f1e-2a6d8c4b5e70-db-1"),
                new NodeName("db-1"), List.of()));

        byte[] iso = new SeedIso(RUN).build(seed, "isthmus-0a1b2c3d-0b7d-4c61-9f1e-2a6d8c4b5e70-db-1");

        byte[] descriptor = Arrays.copyOfRange(iso, (int) SeedIso.DESCRIPTOR_OFFSET,
                (int) SeedIso.DESCRIPTOR_OFFSET + SeedIso.DESCRIPTOR_LENGTH);
        assertEquals(Optional.of(seed.fingerprint()), SeedIso.fingerprint(descriptor));
    }

    @Test
    void somethingThatIsNotOurSeedHasNoFingerprint() {
        assertEquals(Optional.empty(), SeedIso.fingerprint(new byte[SeedIso.DESCRIPTOR_LENGTH]), "zeros");
        assertEquals(Optional.empty(), SeedIso.fingerprint(new byte[0]), "an empty volume");
    }
}
