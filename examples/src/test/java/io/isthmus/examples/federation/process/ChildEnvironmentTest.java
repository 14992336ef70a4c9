package io.isthmus.examples.federation.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildEnvironmentTest {

    @TempDir
    Path dir;

    @Test
    void removesByPrefixThenSets() {
        Map<String, String> environment = new HashMap<>(Map.of("KC_DB", "postgres", "KC_HTTP_PORT", "1",
                "JAVA_OPTS_APPEND", "-Dx", "PATH", "/usr/bin", "KCX", "kept"));

        new ChildEnvironment(List.of("KC_", "JAVA_OPTS"), Map.of("KC_BOOTSTRAP_ADMIN_USERNAME", "admin"))
                .applyTo(environment);

        assertEquals(Map.of("PATH", "/usr/bin", "KCX", "kept", "KC_BOOTSTRAP_ADMIN_USERNAME", "admin"), environment);
    }

    @Test
    void anEmptyPrefixIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ChildEnvironment(List.of(""), Map.of()));
    }

    @Test
    void theChildSeesItsEnvironmentAndItsDescendantsAreListed() throws Exception {
        LaunchSpec spec = new LaunchSpec("env",
                List.of("sh", "-c", "echo \"value=$ISTHMUS_TEST_VALUE\"; sleep 300 & wait"),
                dir, URI.create("http://127.0.0.1:1/"), Duration.ofSeconds(5),
                new ChildEnvironment(List.of(), Map.of("ISTHMUS_TEST_VALUE", "42")));
        try (ChildProcess child = ChildProcess.start(spec, dir.resolve("logs"))) {
            waitFor(() -> readLog(child).contains("value=42") && !child.descendants().isEmpty());

            assertTrue(readLog(child).contains("value=42"));
            assertEquals(List.of("sleep"), child.descendants().stream()
                    .map(p -> p.info().command().map(c -> Path.of(c).getFileName().toString()).orElse("?")).toList());
            assertTrue(child.treeResidentKib() > child.residentKib().orElseThrow(), "the sleep's memory counts too");
            List<ProcessHandle> descendants = child.descendants();
            child.kill();
            descendants.forEach(ProcessHandle::destroyForcibly);
        }
    }

    private static String readLog(ChildProcess child) {
        try {
            return Files.exists(child.logFile()) ? Files.readString(child.logFile()) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 100 && !condition.getAsBoolean(); i++) {
            Thread.sleep(50);
        }
    }
}
