package io.isthmus.rms.domain.segment;

import io.isthmus.rms.domain.compute.BridgeName;
import io.isthmus.rms.domain.site.InvalidRequestException;
import java.util.regex.Pattern;

/**
 * Which interfaces may sit on a segment bridge. A segment bridge carries tenant frames only, so it never gets
 * a management (or any other) interface: drivers enslave only the bridge's own uplink ({@code ishx<vni>}) and
 * VM stand-in ports ({@code isvp<8 hex><nic index>}); libvirt adds the taps of real VMs ({@code vnet<n>}).
 */
public final class BridgeMembers {

    /** A stand-in VM's host-side veth end: {@code isvp}, 8 hex digits of the domain UUID, NIC index 0..99. */
    public static final Pattern STAND_IN_PORT = Pattern.compile("isvp[0-9a-f]{8}(0|[1-9][0-9]?)");
    /** The tap libvirt creates for a VM NIC on a bridge. */
    private static final Pattern LIBVIRT_TAP = Pattern.compile("vnet(0|[1-9][0-9]{0,5})");

    private BridgeMembers() {
    }

    /**
     * Returns {@code port} when a driver may enslave it to {@code bridge}: the bridge's own uplink or a VM
     * stand-in port. Anything else is refused before a command runs.
     */
    public static String requireEnslavable(BridgeName bridge, String port) {
        if (port != null && (port.equals(UplinkName.forSegment(bridge.vni()).value())
                || STAND_IN_PORT.matcher(port).matches())) {
            return port;
        }
        throw new InvalidRequestException("port", "refusing to put '" + port + "' on segment bridge " + bridge
                + ": a segment bridge takes only its own uplink " + UplinkName.forSegment(bridge.vni())
                + " and VM ports (isvp<8 hex><index>), never a management or foreign interface");
    }

    /** Whether an interface found on {@code bridge} belongs there: its uplink, a VM stand-in or a libvirt tap. */
    public static boolean belongs(BridgeName bridge, String port) {
        return port.equals(UplinkName.forSegment(bridge.vni()).value()) || STAND_IN_PORT.matcher(port).matches()
                || LIBVIRT_TAP.matcher(port).matches();
    }
}
