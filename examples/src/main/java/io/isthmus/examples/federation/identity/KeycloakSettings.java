package io.isthmus.examples.federation.identity;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How to run Keycloak: the distribution zip and the cache it is unpacked into, the realm file to import, this run's
 * own Keycloak home and log directory, the HTTP port and the management port (both on 127.0.0.1), the web console's
 * origin (the broker's address, for the console client's redirect URIs and web origins), and how long the start may
 * take.
 */
public record KeycloakSettings(Path zip, Path cacheDirectory, Path realmFile, Path runHome, Path logDirectory,
                               int httpPort, int managementPort, URI consoleOrigin, Duration readyTimeout) {

    /** Enough for a first start on a busy two-core machine, whose build step alone takes about 90 s. */
    public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(300);

    public KeycloakSettings {
        checkPort("HTTP", httpPort);
        checkPort("management", managementPort);
        if (httpPort == managementPort) {
            throw new IllegalArgumentException("Keycloak's HTTP and management ports must differ, both are "
                    + httpPort);
        }
        if (consoleOrigin.getPath() != null && !consoleOrigin.getPath().isEmpty()) {
            throw new IllegalArgumentException("the console origin is scheme://host:port without a path, not "
                    + consoleOrigin);
        }
        if (readyTimeout.isNegative() || readyTimeout.isZero()) {
            throw new IllegalArgumentException("Keycloak's ready timeout must be positive");
        }
        runHome = runHome.toAbsolutePath().normalize();
        logDirectory = logDirectory.toAbsolutePath().normalize();
    }

    /** The same settings with the distribution cached in {@code directory}. */
    public KeycloakSettings withCacheDirectory(Path directory) {
        return new KeycloakSettings(zip, directory, realmFile, runHome, logDirectory, httpPort, managementPort,
                consoleOrigin, readyTimeout);
    }

    /** The same settings with another run home and log directory (each run's state apart). */
    public KeycloakSettings withRunHome(Path home, Path logs) {
        return new KeycloakSettings(zip, cacheDirectory, realmFile, home, logs, httpPort, managementPort,
                consoleOrigin, readyTimeout);
    }

    private static void checkPort(String what, int port) {
        if (port < 1024 || port > 65535) {
            throw new IllegalArgumentException("Keycloak's " + what + " port " + port + " is not between 1024 and"
                    + " 65535");
        }
    }
}
