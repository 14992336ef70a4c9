package io.isthmus.rms.infrastructure.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.rms.domain.reservation.Booking;
import io.isthmus.rms.domain.reservation.BookingState;
import io.isthmus.rms.domain.reservation.ReservationId;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A commit the RMS acknowledged survives the RMS being killed with SIGKILL right after the answer: the
 * database is written before the call returns, not by H2's background writer some time later.
 */
class CommitDurabilityTest {

    private static final int KILLS = 5;

    @TempDir
    Path dataDir;

    @Test
    void anAcknowledgedCommitSurvivesSigkill() throws IOException, InterruptedException {
        for (int i = 0; i < KILLS; i++) {
            String reservation = UUID.randomUUID().toString();
            String transaction = UUID.randomUUID().toString();
            commitInAChildThenKillIt(reservation, transaction);

            try (H2Database reopened = H2Database.open(dataDir)) {
                Optional<Booking> found = new JdbcBookingRepository(reopened).find(new ReservationId(reservation));
                assertTrue(found.isPresent(), "kill " + (i + 1) + ": the acknowledged booking " + reservation
                        + " is gone after SIGKILL");
                assertEquals(BookingState.COMMITTED, found.get().state(), "kill " + (i + 1)
                        + ": the acknowledged commit of " + reservation + " was lost");
            }
        }
    }

    private void commitInAChildThenKillIt(String reservation, String transaction)
            throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                CommitThenWait.class.getName(), dataDir.toString(), reservation, transaction)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            child.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no close of the database
            assertEquals("committed " + reservation, line, "the child did not report its commit");
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
    }
}
