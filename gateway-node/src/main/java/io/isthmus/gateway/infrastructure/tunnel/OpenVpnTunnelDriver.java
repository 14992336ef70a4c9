package io.isthmus.gateway.infrastructure.tunnel;

import io.isthmus.gateway.domain.shared.InvalidRequestException;
import io.isthmus.gateway.domain.shared.Ipv4Address;
import io.isthmus.gateway.domain.shared.UnavailableException;
import io.isthmus.gateway.domain.stitch.StitchSpec;
import io.isthmus.gateway.domain.tunnel.InterfaceName;
import io.isthmus.gateway.domain.tunnel.OpenVpnLink;
import io.isthmus.gateway.domain.tunnel.OpenVpnPeering;
import io.isthmus.gateway.domain.tunnel.TunnelDriver;
import io.isthmus.gateway.domain.tunnel.TunnelKind;
import io.isthmus.gateway.domain.tunnel.TunnelKindSupport;
import io.isthmus.gateway.infrastructure.command.CommandFailedException;
import io.isthmus.gateway.infrastructure.command.CommandRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * OpenVPN tunnels for untrusted paths: per peer one persistent TAP {@code isov<vni>p<k>} on the segment bridge
 * (isolated: the per-pair tunnels form a full mesh, so frames never pass from one to another) and one openvpn
 * process in p2p TLS mode, authenticated by the per-stitch certificates' fingerprints.
 */
public final class OpenVpnTunnelDriver implements TunnelDriver {

    private static final System.Logger LOG = System.getLogger(OpenVpnTunnelDriver.class.getName());
    private static final InterfaceName PROBE = new InterfaceName("isthprobeov");

    private final IpLinks links;
    private final CommandRunner runner;
    private final Path tunDevice;
    private final OpenVpnCommands commands;
    private final OpenVpnProcesses processes;
    private final OpenVpnLauncher launcher;

    public OpenVpnTunnelDriver(IpLinks links, CommandRunner runner, Path tunDevice, OpenVpnFiles files,
                               Ipv4Address local) {
        this.links = links;
        this.runner = runner;
        this.tunDevice = tunDevice;
        this.commands = new OpenVpnCommands(links.commands().netns(), local, files, OpenVpnUser.forThisHost());
        this.processes = new OpenVpnProcesses(links.gateway(), links.commands().netns());
        this.launcher = new OpenVpnLauncher(links.gateway(), runner, commands, processes, files);
    }

    @Override
    public TunnelKind kind() {
        return TunnelKind.OPENVPN;
    }

    /** Available when openvpn and openssl run, /dev/net/tun exists and a TAP can be made in the namespace. */
    @Override
    public TunnelKindSupport probe() {
        Optional<String> problem = missing(commands.version(), "openvpn", "apt-get install openvpn")
                .or(() -> missing(List.of("openssl", "version"), "openssl", "apt-get install openssl"));
        if (problem.isEmpty() && !Files.exists(tunDevice)) {
            problem = Optional.of(tunDevice + " does not exist: the kernel has no TUN/TAP support here (load the tun"
                    + " module: modprobe tun)");
        }
        if (problem.isEmpty()) {
            try {
                links.delete(PROBE);
                links.change("create a probe TAP interface", "TUN/TAP", links.commands().addTap(PROBE));
                links.delete(PROBE);
            } catch (UnavailableException e) {
                problem = Optional.of(e.getMessage());
            }
        }
        problem.ifPresent(p -> LOG.log(System.Logger.Level.INFO, "gateway {0}: tunnel kind openvpn unavailable: {1}",
                links.gateway(), p));
        return problem.map(p -> TunnelKindSupport.unavailable(kind(), p)).orElse(TunnelKindSupport.available(kind()));
    }

    @Override
    public void create(InterfaceName name, StitchSpec spec) {
        links.change("create TAP interface " + name, "TUN/TAP", links.commands().addTap(name));
    }

    @Override
    public boolean forwardsBetweenTunnelPorts() {
        return false;
    }

    /** Keeps a process that runs with exactly the expected arguments; replaces any other on the TAP. */
    @Override
    public void start(StitchSpec spec, Optional<OpenVpnPeering> peering) {
        OpenVpnPeering p = peering.orElseThrow(() -> new InvalidRequestException("openvpn stitch of segment "
                + spec.segment() + " (VNI " + spec.vni() + ") has no peer endpoints: stitch it with the peers' offers"));
        List<OpenVpnLink> started = new ArrayList<>();
        try {
            for (OpenVpnLink link : p.links()) {
                List<OpenVpnProcesses.Running> serving = processes.serving(link.tap());
                if (serving.size() == 1 && serving.get(0).arguments().equals(commands.arguments(p, link))) {
                    continue;
                }
                serving.forEach(processes::stop);
                started.add(link);
                launcher.launch(p, link);
            }
        } catch (RuntimeException e) {
            for (OpenVpnLink link : started) {
                try {
                    stop(link.tap());
                } catch (UnavailableException cleanup) {
                    e.addSuppressed(cleanup);
                }
            }
            throw e;
        }
    }

    @Override
    public void stop(InterfaceName port) {
        processes.serving(port).forEach(processes::stop);
    }

    @Override
    public Set<InterfaceName> servedPorts() {
        return processes.running().stream().map(OpenVpnProcesses.Running::tap).collect(Collectors.toSet());
    }

    private Optional<String> missing(List<String> argv, String program, String install) {
        try {
            runner.run(argv);
            return Optional.empty();
        } catch (CommandFailedException e) {
            return Optional.of(program + " is not installed or does not run (" + e.getMessage() + "): " + install);
        }
    }
}
