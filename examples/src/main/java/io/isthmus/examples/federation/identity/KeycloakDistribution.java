package io.isthmus.examples.federation.identity;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The Keycloak server distribution, unpacked once from its zip into a cache directory that every run shares. Its
 * {@code lib/} also keeps the server image Keycloak builds on its first start for a set of build options, so later
 * starts with the same options skip that build. Each run gets its own home ({@link #prepareRunHome}) whose {@code lib/}
 * links here and whose {@code data/} is its own.
 */
public final class KeycloakDistribution {

    /** The Keycloak version the emulated federation runs; the examples build copies its zip into target/. */
    public static final String VERSION = "26.7.3";
    static final String UNPACKED_MARKER = ".isthmus-unpacked";
    static final String BUILT_MARKER = ".isthmus-built";
    /** Files whose absence means an unpacked copy is incomplete. */
    private static final String[] REQUIRED = {"bin/kc.sh", "lib/quarkus-run.jar", "version.txt"};
    private static final System.Logger LOG = System.getLogger(KeycloakDistribution.class.getName());

    private final Path home;

    private KeycloakDistribution(Path home) {
        this.home = home;
    }

    /**
     * Where the distribution is kept between runs: {@code $XDG_CACHE_HOME/isthmus/keycloak-<version>}, or
     * {@code ~/.cache/isthmus/keycloak-<version>}.
     */
    public static Path defaultCacheDirectory() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return cache.resolve("isthmus").resolve("keycloak-" + VERSION);
    }

    /**
     * The distribution in {@code cacheDirectory}, unpacked from {@code zip} first unless a complete copy of that zip
     * is there. Holds the cache's lock meanwhile, waiting at most {@code lockTimeout} for another launch.
     */
    public static KeycloakDistribution unpackOnce(Path zip, Path cacheDirectory, Duration lockTimeout) {
        if (!Files.isRegularFile(zip)) {
            throw new IdentityProviderException("no Keycloak distribution at " + zip + "; build the examples module"
                    + " (mvn -B -q -DskipTests install from the repository root) to copy"
                    + " org.keycloak:keycloak-quarkus-dist:" + VERSION + ":zip there");
        }
        Path cache = cacheDirectory.toAbsolutePath().normalize();
        try (CacheLock lock = CacheLock.acquire(cache, lockTimeout)) {
            if (!isComplete(cache, zip)) {
                unpack(zip, cache);
            }
            return new KeycloakDistribution(cache);
        }
    }

    /** The unpacked distribution's directory. */
    public Path home() {
        return home;
    }

    /** True when a start with {@code buildOptions} has completed on this copy, so its server image is built. */
    public boolean isBuiltFor(String buildOptions) {
        Path marker = home.resolve(BUILT_MARKER);
        try {
            return Files.isRegularFile(marker) && Files.readString(marker).strip().equals(buildOptions);
        } catch (IOException e) {
            return false;
        }
    }

    /** Records that the server image for {@code buildOptions} is built. */
    void markBuiltFor(String buildOptions) {
        write(home.resolve(BUILT_MARKER), buildOptions + "\n");
    }

    /** Holds this copy's lock (so no other launch builds or unpacks it meanwhile). */
    CacheLock lock(Duration timeout) {
        return CacheLock.acquire(home, timeout);
    }

    /**
     * Makes {@code runHome} a Keycloak home of its own, emptied first: {@code bin/} and {@code conf/} copied from the
     * distribution, {@code lib/}, {@code themes/} and {@code providers/} linked to it (so the built server image is
     * shared), and {@code data/import/} holding {@code realmFile} for {@code --import-realm}. Returns its
     * {@code bin/kc.sh}.
     */
    public Path prepareRunHome(Path runHome, Path realmFile) {
        if (!Files.isRegularFile(realmFile)) {
            throw new IdentityProviderException("no realm file at " + realmFile);
        }
        try {
            deleteTree(runHome);
            Files.createDirectories(runHome);
            copyTree(home.resolve("bin"), runHome.resolve("bin"));
            copyTree(home.resolve("conf"), runHome.resolve("conf"));
            for (String shared : new String[] {"lib", "themes", "providers"}) {
                Files.createSymbolicLink(runHome.resolve(shared), home.resolve(shared));
            }
            Path imports = Files.createDirectories(runHome.resolve("data").resolve("import"));
            Files.copy(realmFile, imports.resolve(realmFile.getFileName()));
        } catch (IOException e) {
            throw new IdentityProviderException("could not prepare the Keycloak home " + runHome + ": "
                    + e.getMessage(), e);
        }
        return runHome.resolve("bin").resolve("kc.sh");
    }

    static boolean isComplete(Path cache, Path zip) {
        Path marker = cache.resolve(UNPACKED_MARKER);
        try {
            if (!Files.isRegularFile(marker) || !Files.readString(marker).strip().equals(identity(zip))) {
                return false;
            }
        } catch (IOException e) {
            return false;
        }
        for (String required : REQUIRED) {
            if (!Files.isRegularFile(cache.resolve(required))) {
                return false;
            }
        }
        return true;
    }

    /** What the marker records of the zip: its name and size, so a different zip is unpacked again. */
    private static String identity(Path zip) throws IOException {
        return zip.getFileName() + " " + Files.size(zip);
    }

    /**
     * Unpacks {@code zip} (its entries below one top-level directory) into a sibling temporary directory, then
     * renames that to {@code cache}: a launch that dies half-way leaves no half-unpacked cache behind.
     */
    static void unpack(Path zip, Path cache) {
        long started = System.nanoTime();
        Path partial = cache.resolveSibling(cache.getFileName() + ".partial");
        LOG.log(System.Logger.Level.INFO, "Unpacking {0} into {1} (once; later runs reuse it)", zip, cache);
        try {
            deleteTree(partial);
            deleteTree(cache);
            Files.createDirectories(partial);
            try (ZipFile file = new ZipFile(zip.toFile())) {
                Enumeration<? extends ZipEntry> entries = file.entries();
                while (entries.hasMoreElements()) {
                    extract(file, entries.nextElement(), partial);
                }
            }
            for (String required : REQUIRED) {
                if (!Files.isRegularFile(partial.resolve(required))) {
                    throw new IdentityProviderException(zip + " is not a Keycloak server distribution: it has no "
                            + required + " below its top-level directory");
                }
            }
            try (Stream<Path> scripts = Files.list(partial.resolve("bin"))) {
                for (Path script : scripts.filter(p -> p.getFileName().toString().endsWith(".sh")).toList()) {
                    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
            write(partial.resolve(UNPACKED_MARKER), identity(zip) + "\n");
            Files.move(partial, cache, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(partial);
            throw new IdentityProviderException("could not unpack " + zip + " into " + cache + ": " + e.getMessage()
                    + "; check free space and permissions there, or pass another cache directory", e);
        } catch (RuntimeException e) {
            deleteQuietly(partial);
            throw e;
        }
        LOG.log(System.Logger.Level.INFO, "Unpacked Keycloak in {0} ms",
                Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    private static void extract(ZipFile file, ZipEntry entry, Path target) throws IOException {
        String name = entry.getName();
        int slash = name.indexOf('/');
        String inner = slash < 0 ? "" : name.substring(slash + 1);
        if (inner.isEmpty()) {
            return;
        }
        Path destination = target.resolve(inner).normalize();
        if (!destination.startsWith(target)) {
            throw new IdentityProviderException("refusing zip entry " + name + ": it points outside " + target);
        }
        if (entry.isDirectory()) {
            Files.createDirectories(destination);
            return;
        }
        Files.createDirectories(destination.getParent());
        try (InputStream in = file.getInputStream(entry)) {
            Files.copy(in, destination, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : paths.toList()) {
                Path destination = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(path, destination, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isSymbolicLink(dir) || !Files.isDirectory(dir)) {
            Files.delete(dir);
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            deleteTree(dir);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not remove the partly unpacked {0}: {1}", dir, e.getMessage());
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }
}
