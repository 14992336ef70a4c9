package io.isthmus.broker.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A private PostgreSQL server for the tests, made from Debian's server binaries ({@code apt-get install postgresql})
 * in a temporary directory, listening on 127.0.0.1 on a free port; one per test JVM, stopped when the JVM ends.
 * PostgreSQL refuses to run as root, so as root its commands run as the {@code postgres} user.
 */
public final class PostgresTestServer {
    public static final String USER = "isthmus";
    /**
     * What a broker is given as {@code isthmus.db.password}: the test server trusts local connections and ignores it,
     * but the broker refuses its embedded default for a database server.
     */
    public static final String PASSWORD = "trusted-locally-not-checked";
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    private static PostgresTestServer shared;

    private final Process server;
    private final int port;

    private PostgresTestServer(Process server, int port) {
        this.server = server;
        this.port = port;
    }

    /** The JVM's server, started on first use; the test is skipped (not failed) where PostgreSQL is not installed. */
    public static synchronized PostgresTestServer shared() {
        if (shared == null) {
            Path bin = binaries().orElse(null);
            Assumptions.assumeTrue(bin != null, "PostgreSQL server binaries not found: apt-get install postgresql");
            shared = start(bin);
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "postgres-test-server-stop"));
        }
        return shared;
    }

    /** A JDBC URL of the database {@code name}, created if it does not exist yet. */
    public String database(String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a database name: " + name);
        }
        try (Connection c = DriverManager.getConnection(url("postgres"), USER, "")) {
            boolean exists;
            try (var q = c.prepareStatement("select 1 from pg_database where datname = ?")) {
                q.setString(1, name);
                exists = q.executeQuery().next();
            }
            if (!exists) {
                try (var create = c.createStatement()) {
                    create.execute("create database " + name);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return url(name);
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private static PostgresTestServer start(Path bin) {
        try {
            Path base = Files.createTempDirectory("isthmus-pg");
            boolean root = "root".equals(System.getProperty("user.name"));
            if (root) {
                UserPrincipalLookupService users = base.getFileSystem().getUserPrincipalLookupService();
                Files.setOwner(base, users.lookupPrincipalByName("postgres"));
            }
            Path data = base.resolve("data");
            run(asServerUser(root, bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER,
                    "--auth=trust", "-E", "UTF8", "--no-sync"), base.resolve("initdb.log"));
            int port = freePort();
            Process server = new ProcessBuilder(asServerUser(root, bin.resolve("postgres").toString(),
                    "-D", data.toString(), "-p", Integer.toString(port), "-k", base.toString(),
                    "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"))
                    .redirectErrorStream(true).redirectOutput(base.resolve("postgres.log").toFile()).start();
            PostgresTestServer started = new PostgresTestServer(server, port);
            started.awaitAccepting(Duration.ofSeconds(60), base.resolve("postgres.log"));
            return started;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the PostgreSQL test server", e);
        }
    }

    private void awaitAccepting(Duration limit, Path log) {
        Instant deadline = Instant.now().plus(limit);
        SQLException last = null;
        while (Instant.now().isBefore(deadline) && server.isAlive()) {
            try (Connection c = DriverManager.getConnection(url("postgres"), USER, "")) {
                return;
            } catch (SQLException e) {
                last = e;
                sleep();
            }
        }
        server.destroyForcibly();
        throw new IllegalStateException("PostgreSQL did not accept connections within " + limit.toSeconds()
                + " s; see " + log, last);
    }

    private void stop() {
        server.destroy();
        try {
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.destroyForcibly();
        }
    }

    private static List<String> asServerUser(boolean root, String... command) {
        List<String> full = new ArrayList<>();
        if (root) {
            full.addAll(List.of("setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups"));
        }
        full.addAll(List.of(command));
        return full;
    }

    private static void run(List<String> command, Path log) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException(command + " failed:\n" + Files.readString(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    private static Optional<Path> binaries() {
        Path lib = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(lib)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(lib)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("postgres")))
                    .max(Comparator.comparing(b -> b.getParent().getFileName().toString(),
                            Comparator.comparingInt(PostgresTestServer::majorVersion)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int majorVersion(String name) {
        return name.matches("\\d+") ? Integer.parseInt(name) : -1;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
