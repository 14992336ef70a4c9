package io.isthmus.gateway.infrastructure.tunnel;

import io.isthmus.gateway.domain.shared.GatewayId;
import io.isthmus.gateway.domain.shared.UnavailableException;
import io.isthmus.gateway.domain.tunnel.InterfaceName;
import io.isthmus.gateway.domain.tunnel.NetworkNamespace;
import io.isthmus.gateway.domain.tunnel.StitchInterfaces;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The openvpn processes that serve this gateway's TAPs, found in {@code /proc}: an {@code openvpn} whose
 * {@code --dev} is a gateway-named TAP and whose network namespace is the gateway's. Finding them there rather than
 * only through pid files means a restarted gateway sees what an earlier run started, and strays whose files are
 * gone. Stopping sends SIGTERM, waits, then SIGKILL, each wait bounded.
 */
final class OpenVpnProcesses {

    private static final System.Logger LOG = System.getLogger(OpenVpnProcesses.class.getName());
    private static final Path PROC = Path.of("/proc");
    private static final long TERM_WAIT_MS = 5_000;
    private static final long KILL_WAIT_MS = 3_000;

    /** One running openvpn: its pid, the TAP it serves and its arguments after the program name. */
    record Running(long pid, InterfaceName tap, List<String> arguments) {
    }

    private final GatewayId gateway;
    private final Optional<NetworkNamespace> netns;

    OpenVpnProcesses(GatewayId gateway, Optional<NetworkNamespace> netns) {
        this.gateway = gateway;
        this.netns = netns;
    }

    /** Every live openvpn in the gateway's namespace serving a gateway-named TAP. */
    List<Running> running() {
        Optional<String> ours = namespaceId();
        List<Running> found = new ArrayList<>();
        if (ours.isEmpty()) {
            return found;
        }
        try (Stream<Path> entries = Files.list(PROC)) {
            for (Path dir : entries.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                read(dir).filter(r -> isIn(dir, ours.get())).ifPresent(found::add);
            }
        } catch (IOException e) {
            throw new UnavailableException("gateway " + gateway + " cannot list processes in /proc: " + e, e);
        }
        return found;
    }

    List<Running> serving(InterfaceName tap) {
        return running().stream().filter(r -> r.tap().equals(tap)).toList();
    }

    /** Stops the process: SIGTERM, then SIGKILL if it has not ended in time. */
    void stop(Running process) {
        Optional<ProcessHandle> handle = ProcessHandle.of(process.pid());
        if (handle.isEmpty() || !isLive(process.pid())) {
            return;
        }
        handle.get().destroy();
        if (!awaitEnd(process.pid(), TERM_WAIT_MS)) {
            LOG.log(System.Logger.Level.WARNING, "gateway {0}: openvpn {1} on {2} ignored SIGTERM for {3} ms; killing it",
                    gateway, Long.toString(process.pid()), process.tap(), Long.toString(TERM_WAIT_MS));
            handle.get().destroyForcibly();
            if (!awaitEnd(process.pid(), KILL_WAIT_MS)) {
                throw new UnavailableException("gateway " + gateway + " cannot stop openvpn process " + process.pid()
                        + " serving " + process.tap() + ": it survived SIGKILL for " + KILL_WAIT_MS + " ms");
            }
        }
        LOG.log(System.Logger.Level.INFO, "gateway {0}: openvpn {1} serving {2} stopped", gateway,
                Long.toString(process.pid()), process.tap());
    }

    /** Whether the process exists and has not ended (a zombie waiting for its parent has ended). */
    static boolean isLive(long pid) {
        try {
            String stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.UTF_8);
            int afterName = stat.lastIndexOf(')');
            char state = afterName < 0 || afterName + 2 >= stat.length() ? 'X' : stat.charAt(afterName + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            return false;
        }
    }

    /** The TAP and arguments of an openvpn command line ({@code openvpn --dev isov5001p0 ...}), if it is one. */
    static Optional<Running> parse(long pid, List<String> argv) {
        if (argv.isEmpty() || !Path.of(argv.get(0)).getFileName().toString().equals("openvpn")) {
            return Optional.empty();
        }
        int dev = argv.indexOf("--dev");
        if (dev < 0 || dev + 1 >= argv.size() || !InterfaceName.isValid(argv.get(dev + 1))) {
            return Optional.empty();
        }
        InterfaceName tap = new InterfaceName(argv.get(dev + 1));
        if (!StitchInterfaces.isManaged(tap)) {
            return Optional.empty();
        }
        return Optional.of(new Running(pid, tap, List.copyOf(argv.subList(1, argv.size()))));
    }

    private static Optional<Running> read(Path dir) {
        long pid = Long.parseLong(dir.getFileName().toString());
        try {
            byte[] raw = Files.readAllBytes(dir.resolve("cmdline"));
            if (raw.length == 0 || !isLive(pid)) {
                return Optional.empty();
            }
            String text = new String(raw, StandardCharsets.UTF_8);
            List<String> argv = Arrays.asList(text.substring(0, text.length() - (text.endsWith("\0") ? 1 : 0))
                    .split("\0", -1));
            return parse(pid, argv);
        } catch (IOException processEnded) {
            return Optional.empty();
        }
    }

    private static boolean isIn(Path dir, String namespaceId) {
        try {
            return Files.readSymbolicLink(dir.resolve("ns").resolve("net")).toString().equals(namespaceId);
        } catch (IOException processEnded) {
            return false;
        }
    }

    /**
     * The gateway's network namespace as {@code /proc/<pid>/ns/net} names it ({@code net:[inode]}); empty when
     * the configured namespace does not exist (then nothing can run in it).
     */
    private Optional<String> namespaceId() {
        try {
            if (netns.isPresent()) {
                Path file = Path.of("/run/netns", netns.get().value());
                if (!Files.exists(file)) {
                    return Optional.empty();
                }
                return Optional.of("net:[" + Files.getAttribute(file, "unix:ino") + "]");
            }
            return Optional.of(Files.readSymbolicLink(PROC.resolve("self").resolve("ns").resolve("net")).toString());
        } catch (IOException e) {
            throw new UnavailableException("gateway " + gateway + " cannot tell its network namespace apart: " + e, e);
        }
    }

    private static boolean awaitEnd(long pid, long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (isLive(pid)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !isLive(pid);
            }
        }
        return true;
    }
}
