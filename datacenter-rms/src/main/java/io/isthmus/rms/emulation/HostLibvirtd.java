package io.isthmus.rms.emulation;

import io.isthmus.rms.domain.site.HostName;
import io.isthmus.rms.domain.site.NamespaceName;
import io.isthmus.rms.infrastructure.command.CommandResult;
import io.isthmus.rms.infrastructure.command.CommandRunner;
import io.isthmus.rms.infrastructure.libvirt.XmlDocuments;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.StoragePool;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The libvirtd of one emulated host, as a real site host would run it: QEMU guests, its own hostname and host UUID.
 * It runs inside the host's network namespace (so guest taps join that host's segment bridges) and in mount and UTS
 * namespaces of its own, where {@code /run/libvirt}, {@code /var/lib/libvirt}, {@code /etc/libvirt},
 * {@code /var/log/libvirt} and {@code /var/cache/libvirt} are this host's directories under {@code stateDir}. Its
 * socket lies outside them, in {@code /run/isthmus-libvirt/<namespace>/} (short, whatever {@code stateDir} is: a unix
 * socket path has at most 107 bytes), so the RMS reaches it at {@link #uri()}.
 *
 * <p>A holder process ({@code sleep infinity} after {@code unshare}) keeps the namespaces; every step enters them
 * with {@code nsenter}. virtlogd and libvirtd run in the foreground as children of this object, so {@link #close()}
 * can stop them; it first destroys the running guests. {@link #reapLeftovers(Path)} kills what a killed owner left
 * behind (guests, daemons, holder), found through the pid files under {@code stateDir}.
 *
 * <p>QEMU runs as root without a security driver, cgroup controllers or per-guest namespaces: the emulated hosts
 * are namespaces of one machine, not separate kernels. Requires root, Debian's {@code libvirt-daemon},
 * {@code libvirt-daemon-driver-qemu} and {@code qemu-system-x86}, and the {@code libvirt-qemu} user libvirtd resolves
 * at start ({@link #requirePrerequisites} creates it when missing).
 */
public final class HostLibvirtd implements AutoCloseable {

    private static final Logger LOG = System.getLogger(HostLibvirtd.class.getName());
    /** Characters that may appear in a path written into libvirt's configuration files. */
    private static final Pattern SAFE_PATH = Pattern.compile("/[A-Za-z0-9_./-]*");
    /** Where the hosts' sockets are: a unix socket path must fit sockaddr_un.sun_path (107 bytes and a NUL). */
    private static final Path SOCKETS = Path.of("/run/isthmus-libvirt");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    /** This host's directory under {@code stateDir} for each directory libvirt keeps its state in. */
    private static final Map<String, String> PRIVATE_DIRS = Map.of("/run/libvirt", "run", "/var/lib/libvirt", "lib",
            "/etc/libvirt", "etc", "/var/log/libvirt", "log", "/var/cache/libvirt", "cache");
    private static final String LIBVIRTD = "/usr/sbin/libvirtd";
    private static final String VIRTLOGD = "/usr/sbin/virtlogd";
    private static final String INSTALL = "apt-get install -y --no-install-recommends libvirt-daemon"
            + " libvirt-daemon-driver-qemu qemu-system-x86 qemu-utils";

    private final HostName host;
    private final Path stateDir;
    private final Path sockets;
    private final UUID hostUuid;
    private final Process holder;
    private final List<Process> daemons;
    private final CommandRunner runner;

    private HostLibvirtd(HostName host, Path stateDir, Path sockets, UUID hostUuid, Process holder,
            List<Process> daemons, CommandRunner runner) {
        this.host = host;
        this.stateDir = stateDir;
        this.sockets = sockets;
        this.hostUuid = hostUuid;
        this.holder = holder;
        this.daemons = daemons;
        this.runner = runner;
    }

    /**
     * Starts the host's virtlogd and libvirtd in the existing network namespace {@code netns} and waits until
     * libvirtd accepts connections.
     *
     * @param stateDir this host's own directory (created if missing; reused across starts like a host's disk)
     * @throws EmulationException when a prerequisite is missing or the daemons do not come up; nothing is left
     *         running then
     */
    public static HostLibvirtd start(NamespaceName netns, HostName host, Path stateDir) {
        Path dir = safe(stateDir.toAbsolutePath().normalize());
        Path sockets = SOCKETS.resolve(netns.value());
        CommandRunner runner = new CommandRunner(Duration.ofSeconds(20));
        requirePrerequisites(runner);
        reapLeftovers(dir);
        UUID uuid = UUID.nameUUIDFromBytes(("isthmus-emulated-host:" + host.value()).getBytes(StandardCharsets.UTF_8));
        writeConfiguration(dir, sockets, uuid);
        List<Process> daemons = new ArrayList<>();
        Process holder = runner.spawn(List.of("ip", "netns", "exec", netns.value(), "unshare", "--mount", "--uts",
                "--propagation", "private", "sleep", "infinity"), dir.resolve("holder.log"));
        HostLibvirtd started = new HostLibvirtd(host, dir, sockets, uuid, holder, daemons, runner);
        try {
            writePid(dir.resolve("holder.pid"), holder.pid());
            started.awaitHolder(netns);
            for (Map.Entry<String, String> target : PRIVATE_DIRS.entrySet()) {
                Files.createDirectories(Path.of(target.getKey()));
                started.inside("mount", "--bind", dir.resolve(target.getValue()).toString(), target.getKey());
            }
            started.inside("hostname", host.value());
            daemons.add(runner.spawn(started.enter(VIRTLOGD, "--pid-file", dir.resolve("run/virtlogd.pid").toString()),
                    dir.resolve("log/virtlogd.out")));
            daemons.add(runner.spawn(started.enter(LIBVIRTD, "--pid-file", dir.resolve("run/libvirtd.pid").toString()),
                    dir.resolve("log/libvirtd.out")));
            started.awaitSocket();
            LOG.log(Level.INFO, "libvirtd of emulated host {0} runs in namespace {1} (host UUID {2}); reach it at {3}",
                    host, netns, uuid, started.uri());
            return started;
        } catch (IOException e) {
            started.close();
            throw new EmulationException("cannot prepare the libvirtd of emulated host " + host + " in " + dir, e);
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
    }

    /**
     * Checks what {@link #start} needs; as root, creates the {@code libvirt-qemu} user (as Debian's
     * libvirt-daemon-system would) when it is missing.
     *
     * @throws EmulationException naming the exact command to run otherwise
     */
    public static void requirePrerequisites(CommandRunner runner) {
        if (!EffectiveUser.isRoot()) {
            throw new EmulationException("emulated hosts run their own libvirtd, which needs root; run as root");
        }
        for (String binary : List.of(LIBVIRTD, VIRTLOGD, "/usr/bin/qemu-system-x86_64")) {
            if (!Files.isExecutable(Path.of(binary))) {
                throw new EmulationException(binary + " is missing; install it with: " + INSTALL);
            }
        }
        if (runner.run(List.of("getent", "passwd", "libvirt-qemu")).exitCode() != 0) {
            if (runner.run(List.of("getent", "group", "kvm")).exitCode() != 0) {
                require(runner.run(List.of("groupadd", "--system", "kvm")), "create group kvm");
            }
            require(runner.run(List.of("useradd", "--system", "--no-create-home", "--home-dir", "/var/lib/libvirt",
                    "--shell", "/usr/sbin/nologin", "--gid", "kvm", "libvirt-qemu")), "create user libvirt-qemu");
            LOG.log(Level.INFO, "created system user libvirt-qemu (group kvm), which libvirtd resolves at start");
        }
    }

    /** {@code qemu:///system} through this host's socket. */
    public String uri() {
        return "qemu:///system?socket=" + sockets.resolve("libvirt-sock");
    }

    public HostName host() {
        return host;
    }

    /** The host UUID libvirtd reports (derived from the host name, so stable across restarts). */
    public UUID hostUuid() {
        return hostUuid;
    }

    /** The host's directory: its libvirt state, configuration, logs and socket. */
    public Path stateDir() {
        return stateDir;
    }

    /** The pid of libvirtd, while it runs. */
    public Optional<Long> libvirtdPid() {
        return daemons.size() < 2 || !daemons.get(1).isAlive() ? Optional.empty() : Optional.of(daemons.get(1).pid());
    }

    /**
     * Makes {@code name} an active, autostarted directory storage pool over {@code dir} on this host (as an operator
     * runs {@code virsh pool-define-as name dir --target dir}); an existing pool of that name is refreshed.
     */
    public void ensureDirPool(String name, Path dir) {
        if (!name.matches("[a-z][a-z0-9-]{0,30}")) {
            throw new EmulationException("'" + name + "' is not a usable pool name (a-z, 0-9, '-')");
        }
        try {
            Files.createDirectories(dir);
            Connect connect = new Connect(uri(), false);
            try {
                StoragePool pool;
                try {
                    pool = connect.storagePoolLookupByName(name);
                } catch (LibvirtException missing) {
                    Document document = XmlDocuments.newDocument();
                    Element root = document.createElement("pool");
                    document.appendChild(root);
                    root.setAttribute("type", "dir");
                    XmlDocuments.child(root, "name", name);
                    XmlDocuments.child(XmlDocuments.child(root, "target"), "path", dir.toAbsolutePath().toString());
                    pool = connect.storagePoolDefineXML(XmlDocuments.serialize(document), 0);
                    pool.setAutostart(1);
                }
                try {
                    if (pool.isActive() == 0) {
                        pool.create(0);
                    }
                    pool.refresh(0);
                } finally {
                    pool.free();
                }
            } finally {
                connect.close();
            }
        } catch (LibvirtException e) {
            throw new EmulationException("cannot define storage pool " + name + " over " + dir + " on emulated host "
                    + host + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new EmulationException("cannot create " + dir + " for storage pool " + name, e);
        }
    }

    /**
     * Stops the host as a power-off would: its running guests are killed, then libvirtd, virtlogd and the namespace
     * holder. Definitions and disks stay in {@code stateDir}.
     */
    @Override
    public void close() {
        killGuests(stateDir);
        for (int i = daemons.size() - 1; i >= 0; i--) {
            stop(daemons.get(i));
        }
        stop(holder);
        deleteQuietly(stateDir.resolve("holder.pid"));
        LOG.log(Level.INFO, "libvirtd of emulated host {0} stopped", host);
    }

    /**
     * Kills the guests, daemons and holder a previous owner of {@code stateDir} left running (it was killed before
     * {@link #close()}): each pid file names a process, which is killed only if its command line is still the one
     * expected (a reused pid is left alone).
     */
    public static void reapLeftovers(Path stateDir) {
        killGuests(stateDir);
        killListed(stateDir.resolve("run/libvirtd.pid"), "libvirtd");
        killListed(stateDir.resolve("run/virtlogd.pid"), "virtlogd");
        killListed(stateDir.resolve("holder.pid"), "sleep");
        deleteQuietly(stateDir.resolve("holder.pid"));
    }

    private static void killGuests(Path stateDir) {
        Path pids = stateDir.resolve("run/qemu");
        if (!Files.isDirectory(pids)) {
            return;
        }
        try (Stream<Path> files = Files.list(pids)) {
            files.filter(f -> f.getFileName().toString().endsWith(".pid"))
                    .forEach(f -> killListed(f, "qemu-system"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the guests' pid files in " + pids, e);
        }
    }

    private static void killListed(Path pidFile, String expectedCommand) {
        Optional<ProcessHandle> process = readPid(pidFile).flatMap(ProcessHandle::of)
                .filter(p -> p.info().command().map(c -> c.contains(expectedCommand)).orElse(false));
        process.ifPresent(p -> {
            p.destroyForcibly();
            p.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> p).join();
            LOG.log(Level.INFO, "killed {0} (pid {1}) left by {2}", expectedCommand, p.pid(), pidFile);
        });
    }

    private static Optional<Long> readPid(Path pidFile) {
        try {
            String text = Files.readString(pidFile).trim();
            return text.matches("[1-9][0-9]{0,9}") ? Optional.of(Long.parseLong(text)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void stop(Process process) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The holder is in its namespaces once {@code ip netns exec} and {@code unshare} have exec'ed {@code sleep}. */
    private void awaitHolder(NamespaceName netns) {
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            if (!holder.isAlive()) {
                throw new EmulationException("could not enter network namespace " + netns + " for emulated host "
                        + host + " (does it exist?): " + tail(stateDir.resolve("holder.log")));
            }
            try {
                if (Files.readString(Path.of("/proc", Long.toString(holder.pid()), "comm")).trim().equals("sleep")) {
                    return;
                }
            } catch (IOException e) {
                // still starting
            }
            pause();
        }
        throw new EmulationException("the namespace holder of emulated host " + host + " did not start within 10 s");
    }

    private void awaitSocket() {
        Path socket = sockets.resolve("libvirt-sock");
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            for (Process daemon : daemons) {
                if (!daemon.isAlive()) {
                    throw new EmulationException("libvirtd or virtlogd of emulated host " + host + " exited with "
                            + daemon.exitValue() + ": " + tail(stateDir.resolve("log/libvirtd.out")) + " "
                            + tail(stateDir.resolve("log/virtlogd.out")) + " (logs in " + stateDir.resolve("log")
                            + ")");
                }
            }
            if (Files.exists(socket)) {
                return;
            }
            pause();
        }
        throw new EmulationException("libvirtd of emulated host " + host + " did not open " + socket + " within "
                + READY_TIMEOUT.toSeconds() + " s: " + tail(stateDir.resolve("log/libvirtd.log")));
    }

    private List<String> enter(String... command) {
        List<String> argv = new ArrayList<>(List.of("nsenter", "--target", Long.toString(holder.pid()), "--mount",
                "--uts", "--net", "--"));
        argv.addAll(List.of(command));
        return argv;
    }

    private void inside(String... command) {
        require(runner.run(enter(command)), String.join(" ", command) + " for emulated host " + host);
    }

    private static void require(CommandResult result, String what) {
        if (result.exitCode() != 0) {
            throw new EmulationException("could not " + what + ": " + result.describe());
        }
    }

    private static void writeConfiguration(Path dir, Path sockets, UUID uuid) {
        try {
            for (String own : PRIVATE_DIRS.values()) {
                Files.createDirectories(dir.resolve(own));
            }
            Files.createDirectories(sockets);
            Files.deleteIfExists(sockets.resolve("libvirt-sock"));
            Files.writeString(dir.resolve("etc/libvirtd.conf"), String.join("\n",
                    "# written by Isthmus for an emulated host; libvirtd reads it as /etc/libvirt/libvirtd.conf",
                    "unix_sock_dir = \"" + sockets + "\"",
                    "unix_sock_group = \"root\"",
                    "unix_sock_rw_perms = \"0700\"",
                    "auth_unix_rw = \"none\"",
                    "auth_unix_ro = \"none\"",
                    "host_uuid = \"" + uuid + "\"",
                    "log_outputs = \"3:file:" + dir.resolve("log/libvirtd.log") + "\"", ""));
            Files.writeString(dir.resolve("etc/qemu.conf"), String.join("\n",
                    "# written by Isthmus for an emulated host: the hosts are namespaces of one machine",
                    "user = \"root\"",
                    "group = \"root\"",
                    "dynamic_ownership = 0",
                    "remember_owner = 0",
                    "security_driver = \"none\"",
                    "stdio_handler = \"file\"",
                    "cgroup_controllers = [ ]",
                    "namespaces = [ ]", ""));
        } catch (IOException e) {
            throw new EmulationException("cannot write the libvirt configuration under " + dir, e);
        }
    }

    private static Path safe(Path dir) {
        if (!SAFE_PATH.matcher(dir.toString()).matches()) {
            throw new EmulationException("state directory '" + dir + "' may only contain letters, digits, '_', '.',"
                    + " '-' and '/' (it is written into libvirt's configuration)");
        }
        return dir;
    }

    private static void writePid(Path file, long pid) throws IOException {
        Files.writeString(file, Long.toString(pid));
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "could not delete {0}: {1}", file, e.getMessage());
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(no " + log.getFileName() + ")";
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmulationException("interrupted while starting an emulated host's libvirtd");
        }
    }
}
