package io.isthmus.gateway.infrastructure.tunnel;

import io.isthmus.gateway.domain.shared.ReservationId;
import io.isthmus.gateway.domain.stitch.Vni;
import io.isthmus.gateway.domain.tunnel.InterfaceName;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where an openvpn stitch keeps its files: {@code <gateway.dataDir>/openvpn/<reservation>/<vni>/} holds the key
 * ({@code key.pem}, mode 0600), the certificate ({@code cert.pem}) and per TAP a pid file and a log. Every path is
 * built from validated values under a data directory that is checked once, so none can smuggle an option or a
 * shell character into a command.
 */
public final class OpenVpnFiles {

    /** Absolute, no segment starting with '-' and nothing but [A-Za-z0-9_.-] in segments. */
    private static final Pattern SAFE_PATH = Pattern.compile("(/[A-Za-z0-9_.][A-Za-z0-9_.-]*)+");

    private final Path root;

    /** @throws IllegalArgumentException when the data directory's path has characters unsafe in a command */
    public OpenVpnFiles(Path dataDir) {
        Path absolute = dataDir.toAbsolutePath().normalize();
        if (!SAFE_PATH.matcher(absolute.toString()).matches() || absolute.toString().length() > 200) {
            throw new IllegalArgumentException("'" + absolute + "' cannot hold openvpn key files: use a data directory "
                    + "path of at most 200 characters made of letters, digits, '_', '.', '-' and '/'");
        }
        this.root = absolute.resolve("openvpn");
    }

    /** {@code <dataDir>/openvpn}. */
    public Path root() {
        return root;
    }

    public Path reservationDir(ReservationId reservation) {
        return root.resolve(reservation.value());
    }

    public Path dir(ReservationId reservation, Vni vni) {
        return reservationDir(reservation).resolve(vni.toString());
    }

    public Path key(ReservationId reservation, Vni vni) {
        return dir(reservation, vni).resolve("key.pem");
    }

    public Path certificate(ReservationId reservation, Vni vni) {
        return dir(reservation, vni).resolve("cert.pem");
    }

    public Path pidFile(ReservationId reservation, Vni vni, InterfaceName tap) {
        return dir(reservation, vni).resolve(tap.value() + ".pid");
    }

    public Path log(ReservationId reservation, Vni vni, InterfaceName tap) {
        return dir(reservation, vni).resolve(tap.value() + ".log");
    }
}
