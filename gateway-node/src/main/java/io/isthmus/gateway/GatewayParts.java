package io.isthmus.gateway;

import io.isthmus.gateway.application.stitch.GatewayProfile;
import io.isthmus.gateway.application.stitch.StitchService;
import io.isthmus.gateway.domain.isolation.SegmentIsolation;
import io.isthmus.gateway.domain.stitch.BookingRepository;
import io.isthmus.gateway.domain.tunnel.StitchDataPlane;
import io.isthmus.gateway.infrastructure.command.CommandRunner;
import io.isthmus.gateway.infrastructure.command.ProcessCommandRunner;
import io.isthmus.gateway.infrastructure.fault.KillSwitch;
import io.isthmus.gateway.infrastructure.isolation.NftCommands;
import io.isthmus.gateway.infrastructure.isolation.NftSegmentIsolation;
import io.isthmus.gateway.infrastructure.tunnel.GretapTunnelDriver;
import io.isthmus.gateway.infrastructure.tunnel.IpLinks;
import io.isthmus.gateway.infrastructure.tunnel.Iproute2Commands;
import io.isthmus.gateway.infrastructure.tunnel.LinuxBridgeDataPlane;
import io.isthmus.gateway.infrastructure.tunnel.OpenSslCredentials;
import io.isthmus.gateway.infrastructure.tunnel.OpenVpnFiles;
import io.isthmus.gateway.infrastructure.tunnel.OpenVpnTunnelDriver;
import io.isthmus.gateway.infrastructure.tunnel.VxlanTunnelDriver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * Wires a gateway's parts from its configuration (the one place that picks implementations). Assembling changes
 * nothing on the host: the isolation rules are applied by whoever starts the gateway.
 */
public record GatewayParts(StitchDataPlane dataPlane, StitchService service, SegmentIsolation isolation) {

    /** The parts as {@code GatewayServer} wires them, running commands directly (the data-plane benchmark uses it). */
    public static GatewayParts assemble(GatewayConfig config, BookingRepository bookings, Clock clock) {
        return assemble(config, bookings, clock, new ProcessCommandRunner());
    }

    static GatewayParts assemble(GatewayConfig config, BookingRepository bookings, Clock clock,
                                 CommandRunner runner) {
        return assemble(config, bookings, clock, runner, new KillSwitch(config.killAtFile()));
    }

    /** The parts with {@code kills} deciding where the service dies (crash tests). */
    static GatewayParts assemble(GatewayConfig config, BookingRepository bookings, Clock clock,
                                 CommandRunner runner, KillSwitch kills) {
        config.netns().ifPresent(ns -> {
            if (!Files.exists(Path.of("/run/netns", ns.value()))) {
                throw new GatewayConfigException("gateway.netns: network namespace " + ns + " does not exist; "
                        + "create it (ip netns add " + ns + ") or remove gateway.netns to use the host's");
            }
        });
        OpenVpnFiles openVpnFiles = openVpnFiles(config);
        IpLinks links = new IpLinks(config.id(), runner, new Iproute2Commands(config.netns()));
        StitchDataPlane dataPlane = new LinuxBridgeDataPlane(links, List.of(
                new VxlanTunnelDriver(links, config.tunnelAddress(), config.underlayDevice()),
                new GretapTunnelDriver(links, config.tunnelAddress(), config.underlayDevice()),
                new OpenVpnTunnelDriver(links, runner, Path.of("/dev/net/tun"), openVpnFiles, config.tunnelAddress())),
                config.trunk(), config.siteLeg(), config.accessPorts());
        SegmentIsolation isolation = new NftSegmentIsolation(config.isolationPolicy(), runner,
                new NftCommands(config.id(), config.netns()));
        GatewayProfile profile = new GatewayProfile(config.id(), config.tunnelAddress(), config.trunk().isPresent(),
                config.accessPorts().keySet(), config.openvpnPorts(), config.leases());
        StitchService service = new StitchService(profile, bookings, dataPlane, isolation,
                new OpenSslCredentials(config.id(), runner, openVpnFiles), clock, kills);
        return new GatewayParts(dataPlane, service, isolation);
    }

    private static OpenVpnFiles openVpnFiles(GatewayConfig config) {
        try {
            return new OpenVpnFiles(config.dataDir());
        } catch (IllegalArgumentException e) {
            throw new GatewayConfigException("gateway.dataDir: " + e.getMessage(), e);
        }
    }
}
