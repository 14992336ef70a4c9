package io.isthmus.examples.federation.topology;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Empties and deletes namespaces: stops every process inside them (SIGTERM, a bounded wait, then SIGKILL; a
 * gateway's openvpn daemons live there and outlive the gateway), finds the VM stand-in namespaces a site RMS
 * attached to a host namespace (host port {@code isvp<8 hex><nic>} belongs to {@code isvm-<8 hex>}), and deletes.
 */
final class NamespaceReaper {

    private static final System.Logger LOG = System.getLogger(NamespaceReaper.class.getName());
    private static final Pattern STAND_IN_PORT = Pattern.compile("isvp([0-9a-f]{8})[0-9]{1,2}");
    private static final Duration TERM_GRACE = Duration.ofSeconds(5);
    private static final Duration KILL_GRACE = Duration.ofSeconds(2);
    private static final Duration POLL = Duration.ofMillis(100);

    private final Namespaces namespaces;

    NamespaceReaper(Namespaces namespaces) {
        this.namespaces = namespaces;
    }

    /**
     * The stand-in namespaces that exist now and whose host-side port is in one of {@code hostNamespaces} (only
     * those: stand-ins of another RMS on this machine are not ours to remove).
     */
    List<LinuxName> standInsAttachedTo(List<LinuxName> hostNamespaces) {
        Set<String> existing = namespaces.list();
        Set<LinuxName> standIns = new LinkedHashSet<>();
        for (LinuxName host : hostNamespaces) {
            if (!existing.contains(host.value())) {
                continue;
            }
            for (String link : namespaces.links(host)) {
                Matcher port = STAND_IN_PORT.matcher(link);
                if (port.matches() && existing.contains("isvm-" + port.group(1))) {
                    standIns.add(LinuxName.of("isvm-" + port.group(1)));
                }
            }
        }
        return List.copyOf(standIns);
    }

    /**
     * Stops the processes in {@code targets}, then deletes each that exists, trying all of them; throws the first
     * failure (the others suppressed) after that.
     */
    void reap(List<LinuxName> targets) {
        List<RuntimeException> failures = new ArrayList<>();
        Set<String> existing = namespaces.list();
        List<LinuxName> present = targets.stream().filter(ns -> existing.contains(ns.value())).toList();
        try {
            stopProcesses(present);
        } catch (CommandFailedException e) {
            failures.add(e);
        }
        for (LinuxName namespace : present) {
            try {
                namespaces.delete(namespace);
                LOG.log(System.Logger.Level.INFO, "Deleted network namespace {0}", namespace);
            } catch (CommandFailedException e) {
                if (namespaces.list().contains(namespace.value())) {
                    LOG.log(System.Logger.Level.WARNING, "could not delete namespace {0}: {1}", namespace,
                            e.getMessage());
                    failures.add(e);
                }
            }
        }
        if (!failures.isEmpty()) {
            RuntimeException first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
    }

    /** SIGTERM to every process inside {@code targets}, up to 5 s for them to end, then SIGKILL to the rest. */
    void stopProcesses(List<LinuxName> targets) {
        List<ProcessHandle> running = new ArrayList<>();
        long self = ProcessHandle.current().pid();
        for (LinuxName namespace : targets) {
            for (long pid : namespaces.pids(namespace)) {
                Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(p -> p.pid() != self);
                process.ifPresent(p -> {
                    LOG.log(System.Logger.Level.INFO, "Stopping process {0} ({1}) still running in namespace {2}",
                            pid, p.info().command().orElse("?"), namespace);
                    p.destroy();
                    running.add(p);
                });
            }
        }
        if (running.isEmpty() || awaitEnd(running, TERM_GRACE)) {
            return;
        }
        running.stream().filter(ProcessHandle::isAlive).forEach(p -> {
            LOG.log(System.Logger.Level.WARNING, "Process {0} ignored SIGTERM for {1} s: killing it", p.pid(),
                    TERM_GRACE.toSeconds());
            p.destroyForcibly();
        });
        if (!awaitEnd(running, KILL_GRACE)) {
            LOG.log(System.Logger.Level.WARNING, "processes {0} survived SIGKILL (stuck in the kernel?)",
                    running.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList());
        }
    }

    private static boolean awaitEnd(List<ProcessHandle> processes, Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        while (processes.stream().anyMatch(ProcessHandle::isAlive)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
