package io.isthmus.examples.federation.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeycloakServerTest {

    private static KeycloakSettings settings(int http, int management) {
        return new KeycloakSettings(Path.of("/z/k.zip"), Path.of("/cache"), Path.of("/repo/realm.json"),
                Path.of("/run/keycloak"), Path.of("/run/logs"), http, management, URI.create("http://127.0.0.1:8080"),
                KeycloakSettings.DEFAULT_READY_TIMEOUT);
    }

    @Test
    void startsDevModeOnLoopbackWithItsPortsAFixedIssuerAndTheRealmImport() {
        List<String> command = KeycloakServer.command(Path.of("/run/keycloak/bin/kc.sh"), settings(18980, 18981));

        assertEquals(List.of("/run/keycloak/bin/kc.sh", "start-dev", "--db=dev-mem", "--http-host=127.0.0.1",
                "--http-port=18980", "--http-management-host=127.0.0.1", "--http-management-port=18981",
                "--hostname=http://127.0.0.1:18980", "--import-realm"), command);
        assertEquals(URI.create("http://127.0.0.1:18980/realms/isthmus"), KeycloakServer.issuerOf(18980));
    }

    @Test
    void theChildGetsTheAdminPasswordHeapAndConsoleOriginButNoneOfOurKeycloakVariables() {
        Map<String, String> environment = new HashMap<>(Map.of("KC_DB", "postgres", "KEYCLOAK_ADMIN", "x",
                "JAVA_OPTS", "-Xmx8g", "QUARKUS_PROFILE", "prod", "HOME", "/root"));

        KeycloakServer.environment(settings(18980, 18981), "s3cret").applyTo(environment);

        assertEquals(Map.of("HOME", "/root", "KC_BOOTSTRAP_ADMIN_USERNAME", "admin",
                "KC_BOOTSTRAP_ADMIN_PASSWORD", "s3cret", "JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m",
                "ISTHMUS_CONSOLE_ORIGIN", "http://127.0.0.1:8080"), environment);
    }

    @Test
    void clashingPortsAndAnOriginWithAPathAreRefused() {
        IllegalArgumentException clash = assertThrows(IllegalArgumentException.class, () -> settings(18980, 18980));
        assertTrue(clash.getMessage().contains("18980"));
        assertThrows(IllegalArgumentException.class, () -> settings(80, 18981));
        assertThrows(IllegalArgumentException.class, () -> new KeycloakSettings(Path.of("/z"), Path.of("/c"),
                Path.of("/r"), Path.of("/h"), Path.of("/l"), 18980, 18981, URI.create("http://127.0.0.1:8080/console"),
                KeycloakSettings.DEFAULT_READY_TIMEOUT));
    }
}
