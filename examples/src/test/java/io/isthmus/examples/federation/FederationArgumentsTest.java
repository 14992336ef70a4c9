package io.isthmus.examples.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FederationArgumentsTest {

    private static final Path MODULE_DIR = Path.of("").toAbsolutePath();

    @Test
    void defaultsAreTheDocumentedOnes() {
        FederationOptions options = FederationArguments.parse(new String[0], MODULE_DIR);

        assertEquals(FederationOptions.DEFAULT_RUN_DIR, options.runDir());
        assertTrue(options.runDir().endsWith(Path.of("isthmus", "federation")) && !options.runDir().startsWith("/tmp"),
                "the default run directory is a state directory, not /tmp: " + options.runDir());
        assertEquals(120, options.holdSeconds());
        assertEquals(URI.create("http://127.0.0.1:8080/isthmus/BrokerService"), options.ports().brokerSoap());
        assertEquals(URI.create("http://127.0.0.1:8201/gateway/GatewayService"), options.ports().gatewaySoap(1));
        assertTrue(options.artifacts().rmsJar().endsWith(
                Path.of("datacenter-rms/target/isthmus-datacenter-rms-0.1.0-SNAPSHOT.jar")));
    }

    @Test
    void optionsOverrideRunDirPortsAndHoldTime() {
        FederationOptions options = FederationArguments.parse(new String[] {
            "--run-dir", "/tmp/fed-x", "--ports-base", "9000", "--hold-seconds", "8", "--sweep-seconds", "1"},
            MODULE_DIR);

        assertEquals(Path.of("/tmp/fed-x"), options.runDir());
        assertEquals(9080, options.ports().broker());
        assertEquals(9102, options.ports().site(2));
        assertEquals(8, options.holdSeconds());
        assertEquals(1, options.sweepSeconds().getAsInt());
    }

    @Test
    void identityIsNoneByDefaultAndKeycloakOnRequestWithItsPortsAndCache() {
        FederationOptions defaults = FederationArguments.parse(new String[0], MODULE_DIR);
        assertEquals(FederationOptions.IdentityMode.NONE, defaults.identity());
        assertTrue(defaults.keycloakCache().endsWith(Path.of("isthmus", "keycloak-26.7.3")));

        FederationOptions options = FederationArguments.parse(new String[] {
            "--identity", "keycloak", "--keycloak-cache", "/tmp/kc-cache", "--ports-base", "9000"}, MODULE_DIR);
        assertEquals(FederationOptions.IdentityMode.KEYCLOAK, options.identity());
        assertEquals(Path.of("/tmp/kc-cache"), options.keycloakCache());
        assertTrue(options.artifacts().keycloakZip().endsWith(Path.of("examples/target/keycloak-quarkus-dist.zip")));
        assertTrue(options.artifacts().realmFile().endsWith(Path.of("examples/keycloak/isthmus-realm.json")));
        assertTrue(Files.isRegularFile(options.artifacts().realmFile()), "the realm file is in the repository");

        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> FederationArguments.parse(new String[] {"--identity", "ldap"}, MODULE_DIR));
        assertTrue(unknown.getMessage().contains("keycloak"), unknown.getMessage());
    }

    @Test
    void wrongInputIsRefusedWithUsage() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> FederationArguments.parse(new String[] {"--frob", "1"}, MODULE_DIR));
        assertTrue(unknown.getMessage().contains("usage"));
        assertThrows(IllegalArgumentException.class,
                () -> FederationArguments.parse(new String[] {"--hold-seconds", "soon"}, MODULE_DIR));
        assertThrows(IllegalArgumentException.class,
                () -> FederationArguments.parse(new String[] {"--ports-base", "80"}, MODULE_DIR));
    }
}
