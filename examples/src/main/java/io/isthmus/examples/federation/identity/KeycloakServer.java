package io.isthmus.examples.federation.identity;

import io.isthmus.examples.federation.process.ChildEnvironment;
import io.isthmus.examples.federation.process.ChildProcess;
import io.isthmus.examples.federation.process.LaunchSpec;
import io.isthmus.examples.federation.process.ReadinessProbe;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A running Keycloak ({@code kc.sh start-dev}) on 127.0.0.1 with realm {@code isthmus} imported, its data in memory
 * and in its own run home, so no two runs share state. The build options are the same for every run, so Keycloak
 * builds its server image once per cache (30 to 90 s) and later starts take 10 to 25 s. {@link #close()} stops it
 * and whatever it started.
 */
public final class KeycloakServer implements AutoCloseable {

    /** Options Keycloak bakes into its server image; any change makes the next start build again. */
    static final List<String> BUILD_OPTIONS = List.of("--db=dev-mem");
    /** What Keycloak prints when it builds its server image before starting. */
    static final String BUILD_MESSAGE = "Updating the configuration and installing your custom providers";
    static final String ADMIN_USER = "admin";
    private static final String HEAP = "-Xms64m -Xmx512m";
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final System.Logger LOG = System.getLogger(KeycloakServer.class.getName());

    private final KeycloakSettings settings;
    private final ChildProcess process;
    private final Path adminCredentials;
    private final List<ProcessHandle> started = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private boolean rebuilt;
    private Duration startup = Duration.ZERO;

    private KeycloakServer(KeycloakSettings settings, ChildProcess process, Path adminCredentials) {
        this.settings = settings;
        this.process = process;
        this.adminCredentials = adminCredentials;
    }

    /**
     * Unpacks the distribution if needed, prepares this run's home, starts Keycloak and waits until the realm's
     * discovery document answers. The first start on a cache holds the cache's lock until it is ready, so two launches
     * never build at once.
     */
    public static KeycloakServer start(KeycloakSettings settings) {
        KeycloakDistribution distribution = KeycloakDistribution.unpackOnce(settings.zip(), settings.cacheDirectory(),
                settings.readyTimeout());
        String buildOptions = String.join(" ", BUILD_OPTIONS);
        CacheLock buildLock = distribution.lock(settings.readyTimeout());
        boolean firstBuild = !distribution.isBuiltFor(buildOptions);
        if (!firstBuild) {
            buildLock.close();
        }
        try {
            KeycloakServer server = launch(settings, distribution, firstBuild);
            if (firstBuild) {
                distribution.markBuiltFor(buildOptions);
            }
            return server;
        } finally {
            if (firstBuild) {
                buildLock.close();
            }
        }
    }

    private static KeycloakServer launch(KeycloakSettings settings, KeycloakDistribution distribution,
                                         boolean firstBuild) {
        Path kcSh = distribution.prepareRunHome(settings.runHome(), settings.realmFile());
        String password = newPassword();
        Path credentials = writeAdminCredentials(settings.runHome(), password);
        URI issuer = issuerOf(settings.httpPort());
        LaunchSpec spec = new LaunchSpec("keycloak", command(kcSh, settings), settings.runHome(),
                URI.create(issuer + "/.well-known/openid-configuration"), settings.readyTimeout(),
                environment(settings, password));
        long logOffset = logSize(settings.logDirectory().resolve(spec.name() + ".log"));
        LOG.log(System.Logger.Level.INFO, firstBuild
                ? "Starting Keycloak {0} from {1}; this first start on the cache builds Keycloak''s server image"
                        + " first (30 to 90 s), later starts take 10 to 25 s"
                : "Starting Keycloak {0} from {1} (server image already built)",
                KeycloakDistribution.VERSION, distribution.home());
        long begin = System.nanoTime();
        KeycloakServer server = new KeycloakServer(settings, ChildProcess.start(spec, settings.logDirectory()),
                credentials);
        try {
            server.started.addAll(server.process.descendants());
            ReadinessProbe.awaitReady(server.process);
        } catch (RuntimeException e) {
            server.close();
            throw new IdentityProviderException("Keycloak did not start: " + e.getMessage(), e);
        }
        server.startup = Duration.ofNanos(System.nanoTime() - begin);
        server.started.addAll(server.process.descendants());
        server.rebuilt = logSince(server.process.logFile(), logOffset).contains(BUILD_MESSAGE);
        LOG.log(System.Logger.Level.INFO, "Keycloak ready after {0} s{1}: realm {2}", server.startup.toSeconds(),
                server.rebuilt ? " (built its server image first)" : "", server.issuer());
        return server;
    }

    static List<String> command(Path kcSh, KeycloakSettings settings) {
        List<String> command = new ArrayList<>();
        command.add(kcSh.toString());
        command.add("start-dev");
        command.addAll(BUILD_OPTIONS);
        command.add("--http-host=127.0.0.1");
        command.add("--http-port=" + settings.httpPort());
        command.add("--http-management-host=127.0.0.1");
        command.add("--http-management-port=" + settings.managementPort());
        // a fixed issuer, however a client reaches the server (127.0.0.1 or localhost)
        command.add("--hostname=http://127.0.0.1:" + settings.httpPort());
        command.add("--import-realm");
        return command;
    }

    /** Keycloak's own variables of this process are dropped: an engineer's KC_DB must not change the build. */
    static ChildEnvironment environment(KeycloakSettings settings, String adminPassword) {
        return new ChildEnvironment(List.of("KC_", "KEYCLOAK_", "QUARKUS_", "JAVA_OPTS"), Map.of(
                "KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER,
                "KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword,
                "JAVA_OPTS_KC_HEAP", HEAP,
                IsthmusRealm.CONSOLE_ORIGIN_VARIABLE, settings.consoleOrigin().toString()));
    }

    static URI issuerOf(int httpPort) {
        return URI.create("http://127.0.0.1:" + httpPort + "/realms/" + IsthmusRealm.NAME);
    }

    /** The realm's issuer: the {@code iss} of its tokens and the base of its endpoints. */
    public URI issuer() {
        return issuerOf(settings.httpPort());
    }

    public URI tokenEndpoint() {
        return URI.create(issuer() + "/protocol/openid-connect/token");
    }

    public URI authorizationEndpoint() {
        return URI.create(issuer() + "/protocol/openid-connect/auth");
    }

    public URI deviceAuthorizationEndpoint() {
        return URI.create(issuer() + "/protocol/openid-connect/auth/device");
    }

    /** The realm's public signing keys (JWKS). */
    public URI jwksUri() {
        return URI.create(issuer() + "/protocol/openid-connect/certs");
    }

    /** Keycloak's administration console: master realm, user {@code admin}, password in {@link #adminCredentials()}. */
    public URI adminConsole() {
        return URI.create("http://127.0.0.1:" + settings.httpPort() + "/admin/");
    }

    /** The file (owner-readable only) with this run's generated administrator password. */
    public Path adminCredentials() {
        return adminCredentials;
    }

    public ChildProcess process() {
        return process;
    }

    public Path logFile() {
        return process.logFile();
    }

    /** True when this start built Keycloak's server image first (the first start on a cache). */
    public boolean rebuilt() {
        return rebuilt;
    }

    /** From launch until the realm answered. */
    public Duration startup() {
        return startup;
    }

    /** Stops Keycloak (SIGTERM, SIGKILL after 20 s), then any process it started that still runs. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (process.isAlive()) {
            started.addAll(process.descendants());
        }
        process.stop(STOP_GRACE);
        for (ProcessHandle leftover : started) {
            stop(leftover);
        }
    }

    private static void stop(ProcessHandle handle) {
        if (!handle.isAlive()) {
            return;
        }
        LOG.log(System.Logger.Level.WARNING, "Keycloak''s process {0} outlived its launcher; stopping it",
                handle.pid());
        handle.destroy();
        try {
            handle.onExit().get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            handle.destroyForcibly();
        } catch (ExecutionException e) {
            handle.destroyForcibly();
        } catch (InterruptedException e) {
            handle.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String newPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Path writeAdminCredentials(Path runHome, String password) {
        Path file = runHome.resolve("admin-credentials.properties");
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, "# Keycloak administrator of this run only (master realm), generated at start\n"
                    + "username=" + ADMIN_USER + "\npassword=" + password + "\n");
        } catch (IOException e) {
            throw new IdentityProviderException("could not write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    private static long logSize(Path log) {
        try {
            return Files.exists(log) ? Files.size(log) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static String logSince(Path log, long offset) {
        try (InputStream in = Files.newInputStream(log)) {
            in.skipNBytes(offset);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IdentityProviderException("could not read Keycloak's log " + log + ": " + e.getMessage(), e);
        }
    }
}
