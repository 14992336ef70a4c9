package io.isthmus.gateway.infrastructure.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.gateway.domain.shared.GatewayId;
import io.isthmus.gateway.domain.shared.ReservationId;
import io.isthmus.gateway.domain.stitch.Vni;
import io.isthmus.gateway.domain.tunnel.CertFingerprint;
import io.isthmus.gateway.infrastructure.command.ProcessCommandRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key material made by the real openssl CLI. */
class OpenSslCredentialsTest {

    @TempDir
    Path dir;

    @Test
    void aStitchGetsAPrivateEcKeyAndACertificateWhoseFingerprintOpensslConfirms() throws Exception {
        OpenVpnFiles files = new OpenVpnFiles(dir);
        OpenSslCredentials credentials = new OpenSslCredentials(new GatewayId("gw-b"), new ProcessCommandRunner(), files);
        ReservationId res = new ReservationId(UUID.randomUUID().toString());
        CertFingerprint fingerprint = credentials.issue(res, new Vni(5001));

        Path key = files.key(res, new Vni(5001));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key.getParent())));
        String curve = new ProcessCommandRunner().run(List.of("openssl", "pkey", "-in", key.toString(), "-noout",
                "-text")).stdout();
        assertTrue(curve.contains("prime256v1"), curve);
        String openssl = new ProcessCommandRunner().run(List.of("openssl", "x509", "-in",
                files.certificate(res, new Vni(5001)).toString(), "-noout", "-fingerprint", "-sha256")).stdout();
        assertEquals(fingerprint.value(), openssl.strip().replaceFirst("^(?i)sha256 Fingerprint=", "").toUpperCase());

        CertFingerprint second = credentials.issue(res, new Vni(5002));
        assertNotEquals(fingerprint, second, "every stitch has a key of its own");
        credentials.revoke(res, new Vni(5001));
        assertFalse(Files.exists(files.dir(res, new Vni(5001))));
        assertTrue(Files.exists(files.key(res, new Vni(5002))), "the other stitch keeps its key");
        credentials.revoke(res, new Vni(5002));
        credentials.revoke(res, new Vni(5002));
        assertFalse(Files.exists(files.reservationDir(res)), "nothing of the reservation stays");
    }
}
