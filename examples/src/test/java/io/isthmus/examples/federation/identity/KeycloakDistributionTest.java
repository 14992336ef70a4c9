package io.isthmus.examples.federation.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeycloakDistributionTest {

    private static final Duration LOCK_WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @Test
    void unpacksOnceBelowTheTopLevelDirectoryWithExecutableScripts() throws IOException {
        Path zip = distributionZip("keycloak-dist.zip", Map.of());
        Path cache = dir.resolve("cache/keycloak-x");

        KeycloakDistribution first = KeycloakDistribution.unpackOnce(zip, cache, LOCK_WAIT);
        assertEquals(cache, first.home());
        assertEquals("#!/bin/sh\n", Files.readString(cache.resolve("bin/kc.sh")));
        assertTrue(Files.isExecutable(cache.resolve("bin/kc.sh")));
        assertFalse(Files.exists(cache.resolve("keycloak-9.9.9")), "the top-level directory is stripped");

        Files.writeString(cache.resolve("lib/quarkus/built-image"), "kept");
        KeycloakDistribution.unpackOnce(zip, cache, LOCK_WAIT);
        assertEquals("kept", Files.readString(cache.resolve("lib/quarkus/built-image")),
                "a complete copy is reused, with what Keycloak built into it");
    }

    @Test
    void anIncompleteCopyOrAnotherZipIsUnpackedAgain() throws IOException {
        Path zip = distributionZip("keycloak-dist.zip", Map.of());
        Path cache = dir.resolve("keycloak-x");
        KeycloakDistribution.unpackOnce(zip, cache, LOCK_WAIT);

        Files.delete(cache.resolve("lib/quarkus-run.jar"));
        Files.writeString(cache.resolve("stale"), "from a broken copy");
        KeycloakDistribution.unpackOnce(zip, cache, LOCK_WAIT);
        assertTrue(Files.exists(cache.resolve("lib/quarkus-run.jar")));
        assertFalse(Files.exists(cache.resolve("stale")), "an incomplete copy is replaced, not patched");

        Path other = distributionZip("keycloak-dist.zip", Map.of("keycloak-9.9.9/extra.txt", "new"));
        KeycloakDistribution.unpackOnce(other, cache, LOCK_WAIT);
        assertEquals("new", Files.readString(cache.resolve("extra.txt")));
    }

    @Test
    void aZipThatIsNoDistributionOrEscapesItsDirectoryIsRefused() throws IOException {
        Path notKeycloak = zip("other.zip", Map.of("top/readme.txt", "hello"));
        IdentityProviderException refused = assertThrows(IdentityProviderException.class,
                () -> KeycloakDistribution.unpackOnce(notKeycloak, dir.resolve("a"), LOCK_WAIT));
        assertTrue(refused.getMessage().contains("bin/kc.sh"), refused.getMessage());
        assertFalse(Files.exists(dir.resolve("a")), "nothing is left where the cache would be");
        assertFalse(Files.exists(dir.resolve("a.partial")), "nor a partly unpacked copy");

        Path escaping = distributionZip("evil.zip", Map.of("top/../../escaped.txt", "x"));
        assertThrows(IdentityProviderException.class,
                () -> KeycloakDistribution.unpackOnce(escaping, dir.resolve("b/c"), LOCK_WAIT));
        assertFalse(Files.exists(dir.resolve("escaped.txt")));

        IdentityProviderException missing = assertThrows(IdentityProviderException.class,
                () -> KeycloakDistribution.unpackOnce(dir.resolve("none.zip"), dir.resolve("d"), LOCK_WAIT));
        assertTrue(missing.getMessage().contains("mvn"), "says how to get the zip: " + missing.getMessage());
    }

    @Test
    void aRunHomeSharesLibButHasItsOwnDataAndRealm() throws IOException {
        KeycloakDistribution distribution = KeycloakDistribution.unpackOnce(distributionZip("k.zip", Map.of()),
                dir.resolve("cache"), LOCK_WAIT);
        Path realm = Files.writeString(dir.resolve("isthmus-realm.json"), "{\"realm\":\"isthmus\"}");
        Path runHome = dir.resolve("run/keycloak");
        Files.createDirectories(runHome.resolve("data/h2"));
        Files.writeString(runHome.resolve("data/h2/old-run"), "state of an earlier run");

        Path kcSh = distribution.prepareRunHome(runHome, realm);

        assertEquals(runHome.resolve("bin/kc.sh"), kcSh);
        assertTrue(Files.isExecutable(kcSh) && !Files.isSymbolicLink(runHome.resolve("bin")),
                "a copied bin/ makes kc.sh take the run home as Keycloak's home");
        for (String shared : new String[] {"lib", "themes", "providers"}) {
            assertEquals(distribution.home().resolve(shared), Files.readSymbolicLink(runHome.resolve(shared)));
        }
        assertEquals("{\"realm\":\"isthmus\"}", Files.readString(runHome.resolve("data/import/isthmus-realm.json")));
        assertFalse(Files.exists(runHome.resolve("data/h2")), "an earlier run's data is gone");
        assertTrue(Files.exists(distribution.home().resolve("lib/quarkus-run.jar")),
                "emptying the run home leaves the shared distribution alone");

        distribution.prepareRunHome(runHome, realm);
        assertTrue(Files.exists(distribution.home().resolve("lib/quarkus-run.jar")),
                "preparing a run home again deletes the link, not what it points to");
    }

    @Test
    void theBuiltMarkerNamesTheBuildOptions() throws IOException {
        KeycloakDistribution distribution = KeycloakDistribution.unpackOnce(distributionZip("k.zip", Map.of()),
                dir.resolve("cache"), LOCK_WAIT);

        assertFalse(distribution.isBuiltFor("--db=dev-mem"));
        distribution.markBuiltFor("--db=dev-mem");
        assertTrue(distribution.isBuiltFor("--db=dev-mem"));
        assertFalse(distribution.isBuiltFor("--db=dev-file"), "other build options need another build");
    }

    @Test
    void aSecondLauncherWaitsForTheLockAndGivesUpNamingIt() throws Exception {
        Path cache = dir.resolve("locked");
        try (CacheLock held = CacheLock.acquire(cache, LOCK_WAIT)) {
            IdentityProviderException[] failure = new IdentityProviderException[1];
            Thread other = new Thread(() -> {
                try {
                    CacheLock.acquire(cache, Duration.ofMillis(300)).close();
                } catch (IdentityProviderException e) {
                    failure[0] = e;
                }
            });
            other.start();
            other.join();
            assertTrue(failure[0] != null && failure[0].getMessage().contains(cache + ".lock"),
                    "the second acquisition should time out naming the lock file");
        }
        CacheLock.acquire(cache, LOCK_WAIT).close();
    }

    /** A zip shaped like keycloak-quarkus-dist: everything below keycloak-9.9.9/, plus {@code extra} entries. */
    private Path distributionZip(String name, Map<String, String> extra) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("keycloak-9.9.9/", null);
        entries.put("keycloak-9.9.9/bin/kc.sh", "#!/bin/sh\n");
        entries.put("keycloak-9.9.9/conf/keycloak.conf", "# defaults\n");
        entries.put("keycloak-9.9.9/lib/quarkus-run.jar", "jar");
        entries.put("keycloak-9.9.9/lib/quarkus/build-system.properties", "quarkus.version=x\n");
        entries.put("keycloak-9.9.9/themes/README.md", "themes");
        entries.put("keycloak-9.9.9/providers/README.md", "providers");
        entries.put("keycloak-9.9.9/version.txt", "Keycloak - Version 9.9.9\n");
        entries.putAll(extra);
        return zip(name, entries);
    }

    private Path zip(String name, Map<String, String> entries) throws IOException {
        Path zip = dir.resolve(name);
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                if (entry.getValue() != null) {
                    out.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                }
                out.closeEntry();
            }
        }
        return zip;
    }
}
