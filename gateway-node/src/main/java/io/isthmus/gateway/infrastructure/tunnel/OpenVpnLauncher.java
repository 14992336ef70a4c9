package io.isthmus.gateway.infrastructure.tunnel;

import io.isthmus.gateway.domain.shared.GatewayId;
import io.isthmus.gateway.domain.shared.UnavailableException;
import io.isthmus.gateway.domain.tunnel.OpenVpnLink;
import io.isthmus.gateway.domain.tunnel.OpenVpnPeering;
import io.isthmus.gateway.infrastructure.command.CommandFailedException;
import io.isthmus.gateway.infrastructure.command.CommandRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Starts one openvpn tunnel as a daemon ({@code --daemon}, {@code --writepid}, {@code --log}) and waits, bounded,
 * until it has opened its TAP and its UDP socket. Daemons outlive the gateway process on purpose: a restarted
 * gateway finds them in /proc and keeps them, so stitched segments keep forwarding, as kernel tunnels do. A start
 * that fails is reported with what openvpn logged, and nothing it started is left running.
 */
final class OpenVpnLauncher {

    private static final System.Logger LOG = System.getLogger(OpenVpnLauncher.class.getName());
    private static final long READY_WAIT_MS = 10_000;
    /** Logged once the TAP is open and the UDP socket bound. */
    private static final String READY = "link local";
    private static final String FATAL = "Exiting due to fatal error";

    private final GatewayId gateway;
    private final CommandRunner runner;
    private final OpenVpnCommands commands;
    private final OpenVpnProcesses processes;
    private final OpenVpnFiles files;

    OpenVpnLauncher(GatewayId gateway, CommandRunner runner, OpenVpnCommands commands, OpenVpnProcesses processes,
                    OpenVpnFiles files) {
        this.gateway = gateway;
        this.runner = runner;
        this.commands = commands;
        this.processes = processes;
        this.files = files;
    }

    void launch(OpenVpnPeering peering, OpenVpnLink link) {
        Path log = files.log(peering.reservation(), peering.vni(), link.tap());
        try {
            Files.deleteIfExists(log);
            runner.run(commands.start(peering, link));
        } catch (CommandFailedException e) {
            throw failed(link, e.exitCode() == -1 ? "openvpn is not installed or does not run (" + e.getMessage()
                    + "): install it (apt-get install openvpn)" : logTail(log, e.stderr()), e);
        } catch (IOException e) {
            throw failed(link, "cannot reset its log " + log + " (" + e + ")", e);
        }
        awaitReady(link, log);
        LOG.log(System.Logger.Level.INFO, "gateway {0}: openvpn on {1} started: {2} peer {3} on UDP {4}, accepting"
                + " only certificate {5}; log {6}", gateway, link.tap(), link.listens() ? "listening for" : "connecting to",
                link.peer(), Integer.toString(link.port()), link.peerFingerprint(), log);
    }

    private void awaitReady(OpenVpnLink link, Path log) {
        long deadline = System.nanoTime() + READY_WAIT_MS * 1_000_000;
        while (System.nanoTime() < deadline) {
            String text = read(log);
            if (text.contains(FATAL)) {
                processes.serving(link.tap()).forEach(processes::stop);
                throw failed(link, logTail(log, ""), null);
            }
            if (text.contains(READY) && !processes.serving(link.tap()).isEmpty()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        processes.serving(link.tap()).forEach(processes::stop);
        throw failed(link, "it did not open its TAP and UDP socket within " + READY_WAIT_MS + " ms (" + logTail(log, "")
                + ")", null);
    }

    private UnavailableException failed(OpenVpnLink link, String why, Exception cause) {
        return new UnavailableException("gateway " + gateway + " cannot start openvpn on " + link.tap() + " towards "
                + link.peer() + ": " + why, cause);
    }

    /** The last lines openvpn logged, timestamps cut, or {@code fallback} when it logged nothing. */
    private static String logTail(Path log, String fallback) {
        List<String> lines = read(log).lines().map(l -> l.replaceFirst("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d ", ""))
                .filter(l -> !l.isBlank() && !l.startsWith("Use --help")).toList();
        if (lines.isEmpty()) {
            return fallback.isBlank() ? "openvpn logged nothing" : fallback.strip();
        }
        return lines.subList(Math.max(0, lines.size() - 3), lines.size()).stream().collect(Collectors.joining("; "));
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
