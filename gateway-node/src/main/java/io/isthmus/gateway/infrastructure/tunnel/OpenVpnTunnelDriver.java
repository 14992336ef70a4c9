package io.isthmus.gateway.infrastructure.tunnel;

import io.isthmus.gateway.domain.shared.UnavailableException;
import io.isthmus.gateway.domain.stitch.StitchSpec;
import io.isthmus.gateway.domain.tunnel.InterfaceName;
import io.isthmus.gateway.domain.tunnel.TunnelDriver;
import io.isthmus.gateway.domain.tunnel.TunnelKind;
import io.isthmus.gateway.domain.tunnel.TunnelKindSupport;
import io.isthmus.gateway.infrastructure.command.CommandFailedException;
import io.isthmus.gateway.infrastructure.command.CommandRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * OpenVPN TAP tunnels: probed (binary and /dev/net/tun present) but not implemented yet, so always reported
 * unavailable with the reason.
 */
public final class OpenVpnTunnelDriver implements TunnelDriver {

    static final String NOT_YET = "openvpn tunnels arrive with the data-plane issue";

    private final CommandRunner runner;
    private final Path tunDevice;

    public OpenVpnTunnelDriver(CommandRunner runner, Path tunDevice) {
        this.runner = runner;
        this.tunDevice = tunDevice;
    }

    @Override
    public TunnelKind kind() {
        return TunnelKind.OPENVPN;
    }

    @Override
    public TunnelKindSupport probe() {
        try {
            runner.run(List.of("openvpn", "--version"));
        } catch (CommandFailedException e) {
            return TunnelKindSupport.unavailable(kind(), "openvpn is not installed or does not run ("
                    + e.getMessage() + ")");
        }
        if (!Files.exists(tunDevice)) {
            return TunnelKindSupport.unavailable(kind(), tunDevice + " does not exist (no TUN/TAP support)");
        }
        return TunnelKindSupport.unavailable(kind(), NOT_YET);
    }

    @Override
    public void create(InterfaceName name, StitchSpec spec) {
        throw new UnavailableException("cannot create openvpn interface " + name + ": " + NOT_YET);
    }
}
