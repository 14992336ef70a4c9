package io.isthmus.gateway.infrastructure.tunnel;

import io.isthmus.gateway.domain.shared.Ipv4Address;
import io.isthmus.gateway.domain.tunnel.NetworkNamespace;
import io.isthmus.gateway.domain.tunnel.OpenVpnLink;
import io.isthmus.gateway.domain.tunnel.OpenVpnPeering;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code openvpn} argument arrays of one per-peer tunnel, in p2p TLS mode over UDP on a persistent TAP, with
 * the peer authenticated by its certificate fingerprint alone (no CA). The lower address of a pair listens
 * ({@code --tls-server}, its port bound on the tunnel address, {@code --float} so a restarted peer is taken back at
 * once); the higher connects ({@code --tls-client}) from its tunnel address on an ephemeral port
 * ({@code --lport 0}: openvpn refuses {@code --nobind} together with {@code --local}). Run inside the gateway's
 * namespace with {@code ip netns exec}, since openvpn has no namespace option.
 */
final class OpenVpnCommands {

    /** Ping every 3 s, restart the tunnel after 15 s without a packet from the peer. */
    static final List<String> KEEPALIVE = List.of("--keepalive", "3", "15");

    private final Optional<NetworkNamespace> netns;
    private final Ipv4Address local;
    private final OpenVpnFiles files;
    private final Optional<OpenVpnUser> dropTo;

    OpenVpnCommands(Optional<NetworkNamespace> netns, Ipv4Address local, OpenVpnFiles files,
                    Optional<OpenVpnUser> dropTo) {
        this.netns = netns;
        this.local = local;
        this.files = files;
        this.dropTo = dropTo;
    }

    /** The whole command: {@code [ip netns exec <ns>] openvpn <arguments>}. */
    List<String> start(OpenVpnPeering peering, OpenVpnLink link) {
        List<String> argv = new ArrayList<>();
        netns.ifPresent(ns -> argv.addAll(List.of("ip", "netns", "exec", ns.value())));
        argv.add("openvpn");
        argv.addAll(arguments(peering, link));
        return List.copyOf(argv);
    }

    /** The arguments after {@code openvpn}: what a running process of this tunnel shows in its command line. */
    List<String> arguments(OpenVpnPeering peering, OpenVpnLink link) {
        List<String> args = new ArrayList<>(List.of("--dev", link.tap().value(), "--dev-type", "tap",
                "--proto", "udp", "--local", local.value()));
        String port = Integer.toString(link.port());
        if (link.listens()) {
            args.addAll(List.of("--lport", port, "--bind", "--float", "--tls-server", "--dh", "none"));
        } else {
            args.addAll(List.of("--lport", "0", "--remote", link.peer().value(), port, "--tls-client"));
        }
        args.addAll(List.of(
                "--cert", files.certificate(peering.reservation(), peering.vni()).toString(),
                "--key", files.key(peering.reservation(), peering.vni()).toString(),
                "--peer-fingerprint", link.peerFingerprint().value(),
                "--persist-tun"));
        dropTo.ifPresent(user -> args.addAll(user.arguments()));
        args.addAll(KEEPALIVE);
        args.addAll(List.of("--script-security", "1", "--allow-compression", "no", "--disable-dco",
                "--daemon", "isthmus-" + link.tap().value(),
                "--writepid", files.pidFile(peering.reservation(), peering.vni(), link.tap()).toString(),
                "--log", files.log(peering.reservation(), peering.vni(), link.tap()).toString()));
        return List.copyOf(args);
    }

    List<String> version() {
        return List.of("openvpn", "--version");
    }
}
