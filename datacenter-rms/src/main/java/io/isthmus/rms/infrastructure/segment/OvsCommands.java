package io.isthmus.rms.infrastructure.segment;

import io.isthmus.rms.domain.compute.BridgeName;
import io.isthmus.rms.domain.segment.BridgeMembers;
import io.isthmus.rms.domain.segment.SegmentPort;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the {@code ovs-vsctl} argument arrays of the Open vSwitch segment driver. Every call carries
 * {@code --timeout} so an unreachable ovsdb-server fails instead of hanging. Open vSwitch bridges live in
 * ovs-vswitchd's own namespace, so there is no namespace variant.
 */
public final class OvsCommands {

    static final int TIMEOUT_SECONDS = 5;

    public List<String> version() {
        return List.of("ovs-vsctl", "--version");
    }

    /** Answers only when ovsdb-server is reachable. */
    public List<String> show() {
        return vsctl("show");
    }

    public List<String> addBridge(BridgeName bridge, int mtu) {
        return vsctl("--may-exist", "add-br", bridge.value(), "--", "set", "interface", bridge.value(),
                "mtu_request=" + mtu);
    }

    /**
     * The uplink: a {@code type=vxlan} interface keyed by the VNI, to the gateway only, from the host's LAN
     * address on UDP 4790 (the site leg). The {@code set} after {@code --may-exist add-port} rewrites the options every
     * time, so a changed gateway address is corrected in place.
     */
    public List<String> addUplink(SegmentPort port) {
        String uplink = BridgeMembers.requireEnslavable(port.bridge(), port.uplink().value());
        return vsctl("--may-exist", "add-port", port.bridge().value(), uplink, "--", "set", "interface", uplink,
                "type=vxlan", "options:key=" + port.vni().value(), "options:remote_ip=" + port.gatewayAddress(),
                "options:local_ip=" + port.hostAddress(), "options:dst_port=" + LinuxBridgeCommands.VXLAN_PORT,
                "mtu_request=" + port.mtu());
    }

    public List<String> listBridges() {
        return vsctl("list-br");
    }

    public List<String> listPorts(BridgeName bridge) {
        return vsctl("list-ports", bridge.value());
    }

    /** Deletes the bridge with all its ports; an absent bridge is no error. */
    public List<String> deleteBridge(BridgeName bridge) {
        return vsctl("--if-exists", "del-br", bridge.value());
    }

    private static List<String> vsctl(String... args) {
        List<String> argv = new ArrayList<>(List.of("ovs-vsctl", "--timeout=" + TIMEOUT_SECONDS));
        argv.addAll(List.of(args));
        return List.copyOf(argv);
    }
}
