package io.isthmus.broker.infrastructure.fault;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Crash testing: with {@code isthmus.fault.killAtFile=<file>} set, each time the broker reaches a named point it
 * reads that file, and if the file names the point, deletes it and sends itself SIGKILL (a real kill, as an
 * operator's {@code kill -9} or the OOM killer: no shutdown hook, no rollback, no flush). The file is deleted first,
 * so the restarted broker does not die again at the same point while it recovers. Points are named where they are
 * reached, e.g. {@code reserve.recorded}, {@code prepare.done:site-a}, {@code commit.decided}. Without the setting
 * (the default) every point is a no-op that reads nothing.
 */
@ApplicationScoped
public class KillSwitch {
    private static final Logger LOG = Logger.getLogger(KillSwitch.class.getName());

    private final Optional<Path> armedBy;

    @Inject
    public KillSwitch(@ConfigProperty(name = "isthmus.fault.killAtFile") Optional<String> killAtFile) {
        this.armedBy = killAtFile.map(String::trim).filter(s -> !s.isEmpty()).map(Path::of);
        this.armedBy.ifPresent(f -> LOG.warning("fault injection enabled: this broker kills itself at the point"
                + " named in " + f));
    }

    protected KillSwitch() {
        this(Optional.empty());
    }

    /** Marks that the broker has reached {@code point}; dies here if the kill file names it. */
    public void reached(String point) {
        if (armedBy.isPresent() && point.equals(armedPoint(armedBy.get()))) {
            try {
                Files.deleteIfExists(armedBy.get());
            } catch (IOException e) {
                LOG.warning("fault injection: could not delete " + armedBy.get() + " (" + e.getMessage() + ")");
            }
            die(point);
        }
    }

    private static String armedPoint(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (NoSuchFileException absent) {
            return "";
        } catch (IOException e) {
            LOG.warning("fault injection: cannot read " + file + " (" + e.getMessage() + "); not armed");
            return "";
        }
    }

    private static void die(String point) {
        long pid = ProcessHandle.current().pid();
        LOG.severe("fault injection: SIGKILL to this broker (pid " + pid + ") at point " + point);
        try {
            Process kill = new ProcessBuilder("kill", "-KILL", Long.toString(pid)).redirectErrorStream(true).start();
            kill.waitFor(10, TimeUnit.SECONDS);
            Thread.sleep(10_000);
        } catch (IOException e) {
            LOG.severe("fault injection: kill could not run (" + e.getMessage() + "); halting instead");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Runtime.getRuntime().halt(137);
    }
}
