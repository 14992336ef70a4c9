package io.isthmus.gateway.infrastructure.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.gateway.domain.shared.ReservationId;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway process killed with SIGKILL right after a save returned must find the booking when it comes back: the
 * broker was already told the call succeeded.
 */
class H2DurabilityTest {

    private static final int ROUNDS = 5;

    @Test
    void aSaveThatReturnedSurvivesSigkillOfTheProcess(@TempDir Path dir) throws Exception {
        List<String> lost = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            Path dataDir = dir.resolve("round" + round);
            ReservationId id = new ReservationId(UUID.randomUUID().toString());
            storeAndKill(dataDir, id);
            try (H2BookingRepository repo = H2BookingRepository.open(dataDir)) {
                Optional<?> found = repo.find(id);
                if (found.isEmpty()) {
                    lost.add("round " + round);
                } else {
                    assertEquals(Optional.of(CrashingWriter.booking(id)), found);
                }
            }
        }
        assertTrue(lost.isEmpty(), "acknowledged bookings lost by SIGKILL in " + lost + " of " + ROUNDS + " rounds");
    }

    private static void storeAndKill(Path dataDir, ReservationId id) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                CrashingWriter.class.getName(), dataDir.toString(), id.value())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8));
            String line = out.readLine();
            child.destroyForcibly();
            assertEquals("stored " + id, line, "the child JVM stored the booking (its stderr is above)");
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the killed child JVM ends");
        }
    }
}
