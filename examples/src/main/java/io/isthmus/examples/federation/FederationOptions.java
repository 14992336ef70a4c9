package io.isthmus.examples.federation;

import io.isthmus.examples.federation.config.Artifacts;
import io.isthmus.examples.federation.config.ServicePorts;
import io.isthmus.examples.federation.identity.KeycloakDistribution;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * How to start the federation: run directory (configs, data, logs), ports, the broker's hold time and
 * sweep interval, the artifacts to run, how long the broker may take to become ready, fault injection, the sites'
 * guests, and the identity provider with the cache directory of its distribution.
 */
public record FederationOptions(Path runDir, ServicePorts ports, int holdSeconds, OptionalInt sweepSeconds,
                                Artifacts artifacts, Duration brokerReadyTimeout, boolean faultInjection,
                                GuestMode guests, IdentityMode identity, Path keycloakCache) {

    /** What the sites' L1 VMs are. */
    public enum GuestMode {
        /** Real QEMU guests, each emulated host running its own libvirtd (needs root and QEMU). */
        QEMU,
        /** libvirt's test driver with a veth stand-in per VM NIC: for machines where no libvirtd with QEMU runs. */
        STAND_IN
    }

    /** Which identity provider the federation starts. */
    public enum IdentityMode {
        /** None: the broker does not check tokens yet. */
        NONE,
        /** Keycloak with realm {@code isthmus} ({@code docs/identity.md}). */
        KEYCLOAK
    }

    /**
     * Where the federation keeps its databases, configuration, disks and logs when no {@code --run-dir} is given:
     * {@code $XDG_STATE_HOME/isthmus/federation}, by default {@code ~/.local/state/isthmus/federation}; never
     * {@code /tmp}, which other users can write to and which may be emptied at boot.
     */
    public static final Path DEFAULT_RUN_DIR = stateHome().resolve("isthmus").resolve("federation");
    public static final int DEFAULT_HOLD_SECONDS = 120;

    public FederationOptions {
        if (holdSeconds < 1) {
            throw new IllegalArgumentException("hold time must be at least 1 s, was " + holdSeconds);
        }
        if (sweepSeconds.isPresent() && sweepSeconds.getAsInt() < 1) {
            throw new IllegalArgumentException("sweep interval must be at least 1 s");
        }
        runDir = runDir.toAbsolutePath().normalize();
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(keycloakCache, "keycloakCache");
    }

    /** Defaults for the repository at {@code home}: {@link #DEFAULT_RUN_DIR}, ports from 8000, 120 s hold. */
    public static FederationOptions defaults(Path home) {
        return new FederationOptions(DEFAULT_RUN_DIR, new ServicePorts(ServicePorts.DEFAULT_BASE),
                DEFAULT_HOLD_SECONDS, OptionalInt.empty(), Artifacts.inRepository(home), Duration.ofSeconds(240), false,
                GuestMode.QEMU, IdentityMode.NONE, KeycloakDistribution.defaultCacheDirectory());
    }

    public FederationOptions withRunDir(Path dir) {
        return new FederationOptions(dir, ports, holdSeconds, sweepSeconds, artifacts, brokerReadyTimeout,
                faultInjection, guests, identity, keycloakCache);
    }

    public FederationOptions withPortsBase(int base) {
        return new FederationOptions(runDir, new ServicePorts(base), holdSeconds, sweepSeconds, artifacts,
                brokerReadyTimeout, faultInjection, guests, identity, keycloakCache);
    }

    public FederationOptions withHoldSeconds(int seconds) {
        return new FederationOptions(runDir, ports, seconds, sweepSeconds, artifacts, brokerReadyTimeout,
                faultInjection, guests, identity, keycloakCache);
    }

    public FederationOptions withSweepSeconds(int seconds) {
        return new FederationOptions(runDir, ports, holdSeconds, OptionalInt.of(seconds), artifacts,
                brokerReadyTimeout, faultInjection, guests, identity, keycloakCache);
    }

    /**
     * For crash tests: the broker, every site RMS and every gateway kill themselves (SIGKILL) at the point a test
     * writes into their kill file ({@link FederationPlan#killFile(String)}), and a killed broker's lease runs out
     * after 3 s.
     */
    public FederationOptions withFaultInjection() {
        return new FederationOptions(runDir, ports, holdSeconds, sweepSeconds, artifacts, brokerReadyTimeout, true,
                guests, identity, keycloakCache);
    }

    /** With {@code mode} as the sites' L1 VMs. */
    public FederationOptions withGuests(GuestMode mode) {
        return new FederationOptions(runDir, ports, holdSeconds, sweepSeconds, artifacts, brokerReadyTimeout,
                faultInjection, mode, identity, keycloakCache);
    }

    /**
     * Where the test guest image is built and kept between runs: {@code $XDG_CACHE_HOME/isthmus/guest-image}, or
     * {@code ~/.cache/isthmus/guest-image}.
     */
    public Path imageCache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return cache.resolve("isthmus").resolve("guest-image");
    }

    public FederationOptions withArtifacts(Artifacts replacement) {
        return new FederationOptions(runDir, ports, holdSeconds, sweepSeconds, replacement, brokerReadyTimeout,
                faultInjection, guests, identity, keycloakCache);
    }

    /** With {@code mode} as the federation's identity provider. */
    public FederationOptions withIdentity(IdentityMode mode) {
        return new FederationOptions(runDir, ports, holdSeconds, sweepSeconds, artifacts, brokerReadyTimeout,
                faultInjection, guests, mode, keycloakCache);
    }

    /** With Keycloak's distribution unpacked (once) into {@code directory}. */
    public FederationOptions withKeycloakCache(Path directory) {
        return new FederationOptions(runDir, ports, holdSeconds, sweepSeconds, artifacts, brokerReadyTimeout,
                faultInjection, guests, identity, directory.toAbsolutePath().normalize());
    }

    private static Path stateHome() {
        String xdg = System.getenv("XDG_STATE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg);
        }
        return Path.of(System.getProperty("user.home"), ".local", "state");
    }
}
