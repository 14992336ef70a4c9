package io.isthmus.rms.infrastructure.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kill switch dies exactly at the point its file names, after deleting the file, and nowhere else; and the
 * real one kills its process with SIGKILL (exit status 137).
 */
class KillSwitchTest {

    @TempDir
    Path dir;

    private final List<String> deaths = new ArrayList<>();

    private KillSwitch armedBy(Path file) {
        return new KillSwitch(Optional.of(file), point -> {
            assertFalse(Files.exists(file), "the kill file is deleted before the process dies at " + point);
            deaths.add(point);
        });
    }

    @Test
    void diesAtTheNamedPointOnlyAndDeletesTheFileFirst() throws IOException {
        Path file = Files.writeString(dir.resolve("kill"), "provision.started:vm-a\n");
        KillSwitch killSwitch = armedBy(file);

        killSwitch.reached("prepare.stored");
        killSwitch.reached("provision.started:vm-b");
        killSwitch.reached("provision.started");
        assertEquals(0, deaths.size(), "other points do nothing, but it died at " + deaths);
        assertTrue(Files.exists(file), "other points leave the kill file");

        killSwitch.reached("provision.started:vm-a");
        assertEquals(List.of("provision.started:vm-a"), deaths);
        assertFalse(Files.exists(file));
    }

    @Test
    void aRestartedProcessDoesNotDieAgainAtTheSamePoint() throws IOException {
        Path file = Files.writeString(dir.resolve("kill"), "commit.stored");
        armedBy(file).reached("commit.stored");

        armedBy(file).reached("commit.stored");

        assertEquals(List.of("commit.stored"), deaths, "the second (restarted) switch finds no file");
    }

    @Test
    void aMissingOrBlankFileDoesNothing() throws IOException {
        armedBy(dir.resolve("absent")).reached("terminate.stored");
        Path blank = Files.writeString(dir.resolve("blank"), " \n");
        armedBy(blank).reached("");
        armedBy(blank).reached("terminate.stored");
        assertEquals(0, deaths.size(), "died at " + deaths);
        assertTrue(Files.exists(blank), "a blank kill file names no point and stays");
    }

    @Test
    void aSwitchWithoutAFileNeverDies() throws IOException {
        Files.writeString(dir.resolve("kill"), "prepare.stored");
        new KillSwitch(Optional.empty(), deaths::add).reached("prepare.stored");
        assertEquals(0, deaths.size(), "died at " + deaths);
    }

    @Test
    void theRealSwitchKillsItsProcessWithSigkill() throws IOException, InterruptedException {
        Path file = Files.writeString(dir.resolve("kill"), "release.removed:vm-a");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                KillAtPoint.class.getName(), file.toString(), "release.removed:vm-a")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("reaching release.removed:vm-a", out.readLine());
            long reached = System.nanoTime();
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child is still alive after its kill point");
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - reached);

            assertEquals(137, child.exitValue(), "128 + SIGKILL (9)");
            assertTrue(seconds < 8, "died by SIGKILL, not by the halt 10 s later (took " + seconds + " s)");
            assertEquals(null, out.readLine(), "nothing runs after the kill point");
            assertFalse(Files.exists(file), "the kill file is gone, so a restart does not die again");
        } finally {
            child.destroyForcibly();
        }
    }
}
