package io.isthmus.gateway.infrastructure.fault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Crash testing: with {@code gateway.fault.killAtFile=<file>} set, each time the gateway reaches a named point it
 * reads that file, and if the file's trimmed content names the point, deletes the file and sends itself SIGKILL (a
 * real kill, as an operator's {@code kill -9} or the OOM killer: no shutdown hook, no rollback, no flush). The file
 * is deleted first, so the restarted gateway does not die again at the same point. Points are reached after the
 * durable write or side effect they name, e.g. {@code prepare.stored}, {@code stitch.realised:lan},
 * {@code abort.removed}. Disarmed (the default), every point is a no-op that reads nothing.
 */
public final class KillSwitch {

    private static final System.Logger LOG = System.getLogger(KillSwitch.class.getName());

    /** What happens at the armed point once the file is gone; the real one kills this process. */
    @FunctionalInterface
    public interface Kill {
        void at(String point);
    }

    private final Optional<Path> armedBy;
    private final Kill kill;

    /** Armed by {@code killAtFile} when present; kills this process with SIGKILL at the point it names. */
    public KillSwitch(Optional<Path> killAtFile) {
        this(killAtFile, KillSwitch::sigkillSelf);
    }

    /** Armed by {@code killAtFile} when present; runs {@code kill} at the point it names. */
    public KillSwitch(Optional<Path> killAtFile, Kill kill) {
        this.armedBy = killAtFile;
        this.kill = kill;
        armedBy.ifPresent(f -> LOG.log(System.Logger.Level.WARNING, "fault injection enabled: this gateway kills"
                + " itself at the point named in {0} (gateway.fault.killAtFile; crash tests only)", f));
    }

    /** A switch that never kills and never reads anything. */
    public static KillSwitch disarmed() {
        return new KillSwitch(Optional.empty());
    }

    /** Marks that the gateway has reached {@code point}; dies here if the kill file names it. */
    public void reached(String point) {
        if (armedBy.isPresent() && armedPoint(armedBy.get()).filter(point::equals).isPresent()) {
            try {
                Files.deleteIfExists(armedBy.get());
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "fault injection: could not delete {0} ({1})", armedBy.get(),
                        e.toString());
            }
            kill.at(point);
        }
    }

    /** The point the file names; none when it is absent, empty or unreadable. */
    private static Optional<String> armedPoint(Path file) {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8).trim()).filter(s -> !s.isEmpty());
        } catch (NoSuchFileException absent) {
            return Optional.empty();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "fault injection: cannot read {0} ({1}); not armed", file,
                    e.toString());
            return Optional.empty();
        }
    }

    /**
     * SIGKILL to this process by {@code kill -KILL <pid>} (an argument array, run directly: no network namespace,
     * no shell); halts with 137 should the signal not arrive.
     */
    private static void sigkillSelf(String point) {
        long pid = ProcessHandle.current().pid();
        LOG.log(System.Logger.Level.ERROR, "fault injection: SIGKILL to this gateway (pid {0}) at point {1}",
                Long.toString(pid), point);
        try {
            Process sent = new ProcessBuilder("kill", "-KILL", Long.toString(pid)).redirectErrorStream(true).start();
            sent.waitFor(10, TimeUnit.SECONDS);
            Thread.sleep(10_000);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.ERROR, "fault injection: kill could not run ({0}); halting instead",
                    e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Runtime.getRuntime().halt(137);
    }
}
