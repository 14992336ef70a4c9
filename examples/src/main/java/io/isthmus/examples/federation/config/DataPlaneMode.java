package io.isthmus.examples.federation.config;

/**
 * How the federation's data plane runs: not at all (not root: {@code site.dataPlane=none}, gateways refuse to
 * stitch), or emulated in network namespaces with the tenants' VLANs reaching each requester gateway either on an
 * 802.1Q trunk or, on a kernel without 802.1Q, on one untagged access port per VLAN.
 */
public enum DataPlaneMode {
    NONE,
    EMULATED_TRUNK,
    EMULATED_ACCESS_PORTS;

    /** The emulated mode for a kernel with ({@code true}) or without 802.1Q. */
    public static DataPlaneMode emulated(boolean vlanTrunk) {
        return vlanTrunk ? EMULATED_TRUNK : EMULATED_ACCESS_PORTS;
    }

    public boolean isEmulated() {
        return this != NONE;
    }
}
