package io.isthmus.rms.infrastructure.fault;

import io.isthmus.rms.application.reservation.FaultPoints;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Crash testing: with {@code site.fault.killAtFile=<file>} set, each time the RMS reaches a named point it reads
 * that file, and if the file's trimmed content names the point, deletes it and sends itself SIGKILL (a real kill,
 * as an operator's {@code kill -9} or the OOM killer: no shutdown hook, no rollback, no flush). The file is deleted
 * first, so the restarted RMS does not die again at the same point. Without the setting every point is a no-op
 * that reads nothing. The same mechanism as the broker's {@code isthmus.fault.killAtFile}.
 */
public final class KillSwitch implements FaultPoints {

    private static final Logger LOG = System.getLogger(KillSwitch.class.getName());

    private final Optional<Path> armedBy;
    private final Consumer<String> die;

    /** Kills this process with SIGKILL at the point named in {@code killAtFile}; disarmed when empty. */
    public KillSwitch(Optional<Path> killAtFile) {
        this(killAtFile, KillSwitch::sigkillSelf);
    }

    /** As {@link #KillSwitch(Optional)}, dying by {@code die} (given the point) instead of SIGKILL. */
    KillSwitch(Optional<Path> killAtFile, Consumer<String> die) {
        this.armedBy = killAtFile;
        this.die = die;
        armedBy.ifPresent(f -> LOG.log(Level.WARNING, "fault injection enabled (site.fault.killAtFile): this RMS"
                + " kills itself with SIGKILL at the point named in {0}", f));
    }

    /** Dies here if the kill file names {@code point}, after deleting the file. */
    @Override
    public void reached(String point) {
        if (armedBy.isEmpty()) {
            return;
        }
        String armed = armedPoint(armedBy.get());
        if (armed.isEmpty() || !armed.equals(point)) {
            return;
        }
        try {
            Files.deleteIfExists(armedBy.get());
        } catch (IOException e) {
            LOG.log(Level.WARNING, "fault injection: could not delete {0} ({1})", armedBy.get(), e.getMessage());
        }
        die.accept(point);
    }

    private static String armedPoint(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (NoSuchFileException absent) {
            return "";
        } catch (IOException e) {
            LOG.log(Level.WARNING, "fault injection: cannot read {0} ({1}); not armed", file, e.getMessage());
            return "";
        }
    }

    private static void sigkillSelf(String point) {
        long pid = ProcessHandle.current().pid();
        LOG.log(Level.ERROR, "fault injection: SIGKILL to this RMS (pid {0}) at point {1}", Long.toString(pid), point);
        try {
            Process kill = new ProcessBuilder("kill", "-KILL", Long.toString(pid)).redirectErrorStream(true).start();
            kill.waitFor(10, TimeUnit.SECONDS);
            Thread.sleep(10_000);
        } catch (IOException e) {
            LOG.log(Level.ERROR, "fault injection: kill could not run ({0}); halting instead", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Runtime.getRuntime().halt(137);
    }
}
