package io.isthmus.gateway.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * A tenant namespace behind each gateway of a {@link GatewayPair} with one port per segment: gateway port
 * {@code p<i>} is veth'd to tenant port {@code e<i>} (10.&lt;i+1&gt;.0.&lt;gw+1&gt;/24, its own subnet, so a ping
 * to 10.&lt;i+1&gt;.0.2 crosses segment i alone). Neighbours are static, so the time to a first answer is the
 * tunnel's, not ARP's retry interval.
 */
final class SegmentTenants {

    private final GatewayPair pair;
    private final List<String> namespaces = new ArrayList<>();
    private int ports;

    SegmentTenants(GatewayPair pair) {
        this.pair = pair;
        for (int gw = 0; gw < 2; gw++) {
            namespaces.add(pair.net.namespace("st" + gw));
        }
    }

    String namespace(int gw) {
        return namespaces.get(gw);
    }

    /** Makes sure there are at least {@code count} ports on each side. */
    void ensure(int count) {
        for (; ports < count; ports++) {
            int i = ports;
            for (int gw = 0; gw < 2; gw++) {
                String tenant = namespaces.get(gw);
                pair.net.veth(pair.namespace(gw), "p" + i, tenant, "e" + i);
                pair.net.ip(tenant, "link", "set", "e" + i, "address", mac(gw, i));
                pair.net.ip(tenant, "addr", "add", address(gw, i) + "/24", "dev", "e" + i);
                pair.net.ip(tenant, "neigh", "replace", address(1 - gw, i), "lladdr", mac(1 - gw, i), "dev",
                        "e" + i, "nud", "permanent");
            }
        }
    }

    /** Puts port i of each side on the bridge of the i-th VNI (the bridges exist once stitched). */
    void attach(List<Integer> vnis) {
        for (int i = 0; i < vnis.size(); i++) {
            for (int gw = 0; gw < 2; gw++) {
                pair.net.ip(pair.namespace(gw), "link", "set", "p" + i, "master", "isbr" + vnis.get(i));
            }
        }
    }

    /** The addresses behind gateway 1 on the first {@code count} segments. */
    static List<String> farAddresses(int count) {
        List<String> far = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            far.add(address(1, i));
        }
        return far;
    }

    private static String address(int gw, int i) {
        return "10." + (i + 1) + ".0." + (gw + 1);
    }

    private static String mac(int gw, int i) {
        return String.format("02:00:00:%02x:%02x:01", gw, i);
    }
}
