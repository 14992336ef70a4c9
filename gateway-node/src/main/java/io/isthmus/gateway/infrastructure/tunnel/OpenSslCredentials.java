package io.isthmus.gateway.infrastructure.tunnel;

import io.isthmus.gateway.domain.shared.GatewayId;
import io.isthmus.gateway.domain.shared.ReservationId;
import io.isthmus.gateway.domain.shared.UnavailableException;
import io.isthmus.gateway.domain.stitch.Vni;
import io.isthmus.gateway.domain.tunnel.CertFingerprint;
import io.isthmus.gateway.domain.tunnel.OpenVpnCredentials;
import io.isthmus.gateway.infrastructure.command.CommandFailedException;
import io.isthmus.gateway.infrastructure.command.CommandRunner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Per-stitch key material made with the {@code openssl} CLI: an EC (prime256v1) key and a self-signed certificate
 * under {@link OpenVpnFiles}, the directory 0700 and the key 0600; the fingerprint is the SHA-256 of the
 * certificate's DER encoding, as {@code openssl x509 -fingerprint -sha256} and openvpn compute it.
 */
public final class OpenSslCredentials implements OpenVpnCredentials {

    private static final System.Logger LOG = System.getLogger(OpenSslCredentials.class.getName());

    private final GatewayId gateway;
    private final CommandRunner runner;
    private final OpenVpnFiles files;

    public OpenSslCredentials(GatewayId gateway, CommandRunner runner, OpenVpnFiles files) {
        this.gateway = gateway;
        this.runner = runner;
        this.files = files;
    }

    @Override
    public CertFingerprint issue(ReservationId reservation, Vni vni) {
        Path dir = files.dir(reservation, vni);
        try {
            deleteTree(dir);
            Files.createDirectories(files.reservationDir(reservation),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            runner.run(command(reservation, vni));
            Files.setPosixFilePermissions(files.key(reservation, vni), PosixFilePermissions.fromString("rw-------"));
            CertFingerprint fingerprint = fingerprint(files.certificate(reservation, vni));
            LOG.log(System.Logger.Level.INFO, "gateway {0}: openvpn key and certificate for VNI {1} of reservation {2}"
                    + " made in {3}, fingerprint {4}", gateway, vni, reservation, dir, fingerprint);
            return fingerprint;
        } catch (CommandFailedException e) {
            throw cleanedUp(reservation, vni, "openssl failed (" + reason(e) + ")", e);
        } catch (IOException | GeneralSecurityException e) {
            throw cleanedUp(reservation, vni, "cannot write or read " + dir + " (" + e + ")", e);
        }
    }

    @Override
    public void revoke(ReservationId reservation, Vni vni) {
        Path dir = files.dir(reservation, vni);
        try {
            if (deleteTree(dir)) {
                LOG.log(System.Logger.Level.INFO, "gateway {0}: openvpn key material of VNI {1} of reservation {2}"
                        + " deleted", gateway, vni, reservation);
            }
            Files.deleteIfExists(files.reservationDir(reservation));
        } catch (DirectoryNotEmptyException stillInUse) {
            // another openvpn stitch of the same reservation keeps its files there
        } catch (IOException e) {
            throw new UnavailableException("gateway " + gateway + " cannot delete the openvpn key material in " + dir
                    + ": " + e + "; delete the directory by hand", e);
        }
    }

    /** The {@code openssl req} that makes the key and the self-signed certificate. */
    List<String> command(ReservationId reservation, Vni vni) {
        return List.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                "-nodes", "-sha256", "-days", "3650", "-subj", "/CN=isthmus-" + gateway + "-vni" + vni,
                "-keyout", files.key(reservation, vni).toString(),
                "-out", files.certificate(reservation, vni).toString());
    }

    /** The SHA-256 fingerprint of a PEM certificate. */
    static CertFingerprint fingerprint(Path certificate) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(certificate)) {
            byte[] der = CertificateFactory.getInstance("X.509").generateCertificate(in).getEncoded();
            return CertFingerprint.of(MessageDigest.getInstance("SHA-256").digest(der));
        }
    }

    private UnavailableException cleanedUp(ReservationId reservation, Vni vni, String why, Exception cause) {
        UnavailableException failure = new UnavailableException("gateway " + gateway + " cannot make the openvpn key"
                + " and certificate for VNI " + vni + " of reservation " + reservation + ": " + why, cause);
        try {
            revoke(reservation, vni);
        } catch (UnavailableException cleanup) {
            failure.addSuppressed(cleanup);
        }
        return failure;
    }

    private static String reason(CommandFailedException e) {
        if (e.exitCode() == -1) {
            return "openssl is not installed or does not run: install it (apt-get install openssl)";
        }
        String err = e.stderr().strip();
        return err.isEmpty() ? "exit code " + e.exitCode() : err.lines().findFirst().orElse(err);
    }

    /** Deletes a directory and its files; returns whether it existed. */
    private static boolean deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return false;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
        return true;
    }
}
