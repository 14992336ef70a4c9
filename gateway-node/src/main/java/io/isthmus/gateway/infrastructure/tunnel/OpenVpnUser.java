package io.isthmus.gateway.infrastructure.tunnel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Who an openvpn daemon runs as once it has opened its TAP, keys and log: openvpn needs root to start (the TAP), not to
 * forward, so a gateway running as root has it drop to {@code nobody}/{@code nogroup} where both exist. A tunnel
 * daemon that a peer could subvert then holds no root.
 */
record OpenVpnUser(String user, String group) {

    static final OpenVpnUser NOBODY = new OpenVpnUser("nobody", "nogroup");

    /** The unprivileged user to drop to, when this process is root and that user and group exist here. */
    static Optional<OpenVpnUser> forThisHost() {
        return forHost(Path.of("/proc/self/status"), Path.of("/etc/passwd"), Path.of("/etc/group"));
    }

    static Optional<OpenVpnUser> forHost(Path status, Path passwd, Path groups) {
        try {
            boolean root = Files.readAllLines(status).stream().filter(l -> l.startsWith("Uid:"))
                    .map(l -> l.split("\\s+")).anyMatch(f -> f.length > 2 && f[2].equals("0"));   // effective uid
            if (root && names(passwd).contains(NOBODY.user) && names(groups).contains(NOBODY.group)) {
                return Optional.of(NOBODY);
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The arguments that make openvpn drop to this user, keeping its key and TAP open for restarts. */
    List<String> arguments() {
        return List.of("--persist-key", "--user", user, "--group", group);
    }

    private static List<String> names(Path file) throws IOException {
        return Files.readAllLines(file).stream().map(l -> l.split(":", 2)[0]).toList();
    }
}
