package io.isthmus.gateway.infrastructure.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KillSwitchTest {

    @TempDir
    Path dir;

    private final List<String> killedAt = new ArrayList<>();
    private final List<Boolean> fileThereWhenKilled = new ArrayList<>();

    private KillSwitch armedBy(Path file) {
        return new KillSwitch(Optional.of(file), point -> {
            killedAt.add(point);
            fileThereWhenKilled.add(Files.exists(file));
        });
    }

    @Test
    void thePointTheFileNamesKillsOnceAfterTheFileIsDeleted() throws IOException {
        Path file = Files.writeString(dir.resolve("kill"), "  stitch.realised:lan \n");
        KillSwitch kills = armedBy(file);

        kills.reached("stitch.realised:lan");

        assertEquals(List.of("stitch.realised:lan"), killedAt);
        assertEquals(List.of(false), fileThereWhenKilled, "the file is deleted before the kill");
        assertFalse(Files.exists(file));
        kills.reached("stitch.realised:lan");
        assertEquals(1, killedAt.size(), "a restarted gateway passes the same point again without dying");
    }

    @Test
    void otherPointsDoNothingAndLeaveTheFile() throws IOException {
        Path file = Files.writeString(dir.resolve("kill"), "abort.removed");
        KillSwitch kills = armedBy(file);

        kills.reached("prepare.stored");
        kills.reached("stitch.realised:lan");
        kills.reached("stitch.realised:lan2");
        kills.reached("abort.stored");

        assertEquals(List.of(), killedAt);
        assertEquals("abort.removed", Files.readString(file));
        kills.reached("abort.removed");
        assertEquals(List.of("abort.removed"), killedAt);
    }

    @Test
    void aMissingEmptyOrUnreadableFileDoesNothing() throws IOException {
        KillSwitch missing = armedBy(dir.resolve("absent"));
        missing.reached("prepare.stored");
        missing.reached("");
        KillSwitch empty = armedBy(Files.writeString(dir.resolve("empty"), " \n"));
        empty.reached("");
        KillSwitch directory = armedBy(Files.createDirectory(dir.resolve("a-directory")));
        directory.reached("prepare.stored");

        assertEquals(List.of(), killedAt);
    }

    @Test
    void aFileNamingAPointLaterKillsThere() throws IOException {
        Path file = dir.resolve("kill");
        KillSwitch kills = armedBy(file);
        kills.reached("commit.stored");
        Files.writeString(file, "commit.stored");

        kills.reached("commit.stored");

        assertEquals(List.of("commit.stored"), killedAt, "the file is read each time a point is reached");
    }

    @Test
    void theRealKillIsASigkillOfTheProcess() throws IOException, InterruptedException {
        Path file = Files.writeString(dir.resolve("kill"), "unstitch.removed\n");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), KillSwitchChild.class.getName(), file.toString(),
                "unstitch.removed").redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile())
                .start();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child should be dead within a minute");

        assertEquals(137, child.exitValue(), "killed by SIGKILL (128 + 9); output: "
                + Files.readString(dir.resolve("child.log")));
        assertFalse(Files.exists(file), "the kill file is gone, so a restart would not die again");
        assertTrue(Files.readString(dir.resolve("child.log")).contains("SIGKILL to this gateway"),
                Files.readString(dir.resolve("child.log")));
    }
}
