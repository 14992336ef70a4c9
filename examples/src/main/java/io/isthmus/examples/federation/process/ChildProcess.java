package io.isthmus.examples.federation.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** One running child of the federation, its output appended to {@code <logs>/<name>.log}. */
public final class ChildProcess implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ChildProcess.class.getName());

    private final LaunchSpec spec;
    private final Process process;
    private final Path logFile;

    private ChildProcess(LaunchSpec spec, Process process, Path logFile) {
        this.spec = spec;
        this.process = process;
        this.logFile = logFile;
    }

    /** Starts the process with stdout and stderr going to its log file. */
    public static ChildProcess start(LaunchSpec spec, Path logDirectory) {
        Path logFile = logDirectory.resolve(spec.name() + ".log");
        try {
            Files.createDirectories(logDirectory);
            ProcessBuilder builder = new ProcessBuilder(spec.command())
                    .directory(spec.workingDirectory().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            spec.environment().applyTo(builder.environment());
            Process process = builder.start();
            LOG.log(System.Logger.Level.INFO, "Started {0} (pid {1}), log {2}", spec.name(), process.pid(), logFile);
            return new ChildProcess(spec, process, logFile);
        } catch (IOException e) {
            throw new ChildProcessException("could not start " + spec.name() + " (" + String.join(" ", spec.command())
                    + "): " + e.getMessage(), e);
        }
    }

    public String name() {
        return spec.name();
    }

    public LaunchSpec spec() {
        return spec;
    }

    public long pid() {
        return process.pid();
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code once the process has ended. */
    public Optional<Integer> exitCode() {
        return process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
    }

    /**
     * The processes this child has started and that still run (a launcher script's JVM, for instance). Taken while
     * the child runs: once it has ended, its orphans are no longer its descendants.
     */
    public List<ProcessHandle> descendants() {
        return process.descendants().toList();
    }

    /** Resident memory now, from /proc. */
    public Optional<Long> residentKib() {
        return ResidentMemory.ofPid(process.pid());
    }

    /** Resident memory of this child and every process it started (a launcher script and its JVM), from /proc. */
    public long treeResidentKib() {
        long total = residentKib().orElse(0L);
        for (ProcessHandle descendant : descendants()) {
            total += ResidentMemory.ofPid(descendant.pid()).orElse(0L);
        }
        return total;
    }

    /** Sends SIGTERM without waiting; {@link #awaitStopped} then waits and kills if needed. */
    public void signalStop() {
        if (process.isAlive()) {
            process.destroy();
        }
    }

    /** Waits for the end after {@link #signalStop}; SIGKILL when it has not ended within the grace period. */
    public void awaitStopped(Duration grace) {
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "{0} (pid {1}) ignored SIGTERM for {2} s; killing it",
                        spec.name(), process.pid(), grace.toSeconds());
                process.destroyForcibly();
                process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        LOG.log(System.Logger.Level.INFO, "Stopped {0} (pid {1})", spec.name(), process.pid());
    }

    /** SIGSTOP: the process hangs (its sockets accept, nothing answers), as a machine that stalls would. */
    public void suspend() {
        signal("STOP");
    }

    /** SIGCONT after {@link #suspend()}. */
    public void resume() {
        signal("CONT");
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new ChildProcessException("kill -" + name + " " + process.pid() + " (" + spec.name()
                        + ") failed");
            }
        } catch (IOException e) {
            throw new ChildProcessException("could not run kill -" + name + " for " + spec.name(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChildProcessException("interrupted while signalling " + spec.name(), e);
        }
        LOG.log(System.Logger.Level.INFO, "Sent SIG{0} to {1} (pid {2})", name, spec.name(), process.pid());
    }

    /** SIGKILL at once, and waits until the process is gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.log(System.Logger.Level.INFO, "Killed {0} (pid {1})", spec.name(), process.pid());
    }

    /** SIGTERM, then SIGKILL when it has not ended after the grace period. */
    public void stop(Duration grace) {
        signalStop();
        awaitStopped(grace);
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(15));
    }
}
