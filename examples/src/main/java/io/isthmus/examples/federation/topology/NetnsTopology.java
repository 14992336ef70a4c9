package io.isthmus.examples.federation.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Builds and removes the {@link EmulatedUnderlay} with iproute2 (needs root): the WAN, the gateways, the
 * requester gateways' tenant networks and the site LANs with their host namespaces. Leftovers of a previous run
 * that crashed are removed first, and said so. {@link #close()} stops whatever still runs inside the namespaces,
 * removes the VM stand-ins the site RMSs left on the hosts, and deletes every namespace it made.
 */
public final class NetnsTopology implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(NetnsTopology.class.getName());
    private static final LinuxName VLAN_PROBE = LinuxName.of("isvlprobe");
    private static final int PROBE_VLAN = 4094;

    private final Namespaces namespaces;
    private final NamespaceReaper reaper;
    private final List<LinuxName> created = new ArrayList<>();
    private Boolean vlanTrunk;

    public NetnsTopology(CommandRunner runner) {
        this.namespaces = new Namespaces(runner);
        this.reaper = new NamespaceReaper(namespaces);
    }

    /** Creates the whole underlay; on failure removes what it had made and rethrows. */
    public void create() {
        removeLeftovers();
        try {
            addNamespace(EmulatedUnderlay.WAN_NAMESPACE);
            namespaces.ip(EmulatedUnderlay.WAN_NAMESPACE, "link", "add", EmulatedUnderlay.WAN_BRIDGE, "type", "bridge");
            namespaces.ip(EmulatedUnderlay.WAN_NAMESPACE, "link", "set", EmulatedUnderlay.WAN_BRIDGE, "up");
            vlanTrunk = probeVlans();
            for (GatewaySlot gateway : EmulatedUnderlay.gateways()) {
                addGateway(gateway);
            }
            for (TenantLan tenant : EmulatedUnderlay.tenantLans()) {
                addTenantLan(tenant);
            }
            for (SiteLan site : EmulatedUnderlay.siteLans()) {
                addSiteLan(site);
            }
            LOG.log(System.Logger.Level.INFO, "Emulated underlay ready ({0}): namespaces {1}",
                    vlanTrunk ? "802.1Q trunks" : "an access port per tenant VLAN", created);
        } catch (RuntimeException e) {
            try {
                close();
            } catch (RuntimeException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        }
    }

    /**
     * Whether this kernel makes 802.1Q sub-interfaces, probed by {@link #create()}: then each requester gateway has
     * the trunk {@code trunk0}; otherwise one access port {@code acc<vlan>} per tenant VLAN.
     */
    public boolean trunkCarriesVlans() {
        if (vlanTrunk == null) {
            throw new IllegalStateException("create() the topology before asking how its tenant side is wired");
        }
        return vlanTrunk;
    }

    /** Namespaces of the underlay that exist now (from {@code ip netns list}). */
    public List<LinuxName> existingNamespaces() {
        Set<String> names = namespaces.list();
        return EmulatedUnderlay.namespaces().stream().filter(ns -> names.contains(ns.value())).toList();
    }

    /**
     * Stops every process still inside the namespaces this topology made, deletes the VM stand-ins attached to its
     * hosts, then the namespaces themselves. Tries everything; throws the first failure afterwards.
     */
    @Override
    public void close() {
        if (created.isEmpty()) {
            return;
        }
        List<LinuxName> mine = EmulatedUnderlay.namespaces().stream().filter(created::contains).toList();
        List<LinuxName> doomed = new ArrayList<>(reaper.standInsAttachedTo(mine));
        doomed.addAll(mine);
        created.clear();
        reaper.reap(doomed);
    }

    private void removeLeftovers() {
        List<LinuxName> leftovers = existingNamespaces();
        if (leftovers.isEmpty()) {
            return;
        }
        List<LinuxName> doomed = new ArrayList<>(reaper.standInsAttachedTo(leftovers));
        doomed.addAll(leftovers);
        System.out.println("Removing namespaces left over from an earlier run: " + doomed);
        reaper.reap(doomed);
    }

    private boolean probeVlans() {
        try {
            namespaces.ip(EmulatedUnderlay.WAN_NAMESPACE, "link", "add", "link", EmulatedUnderlay.WAN_BRIDGE,
                    "name", VLAN_PROBE, "type", "vlan", "id", PROBE_VLAN);
        } catch (CommandFailedException noVlanSupport) {
            LOG.log(System.Logger.Level.INFO, "no 802.1Q on this kernel: {0}", noVlanSupport.getMessage());
            return false;
        }
        namespaces.ip(EmulatedUnderlay.WAN_NAMESPACE, "link", "delete", VLAN_PROBE);
        return true;
    }

    private void addGateway(GatewaySlot gateway) {
        LinuxName ns = gateway.namespace();
        addNamespace(ns);
        veth(ns, EmulatedUnderlay.GATEWAY_UPLINK, EmulatedUnderlay.WAN_NAMESPACE, gateway.wanPeer());
        namespaces.ip(EmulatedUnderlay.WAN_NAMESPACE, "link", "set", gateway.wanPeer(),
                "master", EmulatedUnderlay.WAN_BRIDGE);
        namespaces.ip(ns, "addr", "add", gateway.address().cidr(), "dev", EmulatedUnderlay.GATEWAY_UPLINK);
    }

    /** The tenant's network and, per {@link #trunkCarriesVlans()}, a trunk or one access port per VLAN to it. */
    private void addTenantLan(TenantLan tenant) {
        LinuxName lan = tenant.namespace();
        addNamespace(lan);
        LinuxName gateway = tenant.gateway().namespace();
        if (vlanTrunk) {
            veth(gateway, EmulatedUnderlay.TRUNK, lan, EmulatedUnderlay.REQUESTER_LAN);
            for (int vlan : tenant.vlans()) {
                namespaces.ip(lan, "link", "add", "link", EmulatedUnderlay.REQUESTER_LAN,
                        "name", TenantLan.tenantPort(vlan), "type", "vlan", "id", vlan);
                namespaces.ip(lan, "link", "set", TenantLan.tenantPort(vlan), "mtu", TenantLan.SEGMENT_MTU);
                namespaces.ip(lan, "link", "set", TenantLan.tenantPort(vlan), "up");
            }
        } else {
            for (int vlan : tenant.vlans()) {
                veth(gateway, TenantLan.accessPort(vlan), lan, TenantLan.tenantPort(vlan));
                namespaces.ip(gateway, "link", "set", TenantLan.accessPort(vlan), "mtu", TenantLan.SEGMENT_MTU);
                namespaces.ip(lan, "link", "set", TenantLan.tenantPort(vlan), "mtu", TenantLan.SEGMENT_MTU);
            }
        }
    }

    /** The site's LAN bridge, the site gateway's leg {@code site0} onto it, and one namespace per host. */
    private void addSiteLan(SiteLan site) {
        LinuxName lan = site.namespace();
        addNamespace(lan);
        namespaces.ip(lan, "link", "add", SiteLan.BRIDGE, "type", "bridge");
        namespaces.ip(lan, "link", "set", SiteLan.BRIDGE, "up");
        LinuxName gateway = site.gateway().namespace();
        veth(gateway, SiteLan.GATEWAY_PORT, lan, site.gatewayPeer());
        namespaces.ip(lan, "link", "set", site.gatewayPeer(), "master", SiteLan.BRIDGE);
        namespaces.ip(gateway, "addr", "add", site.gatewayAddress().cidr(), "dev", SiteLan.GATEWAY_PORT);
        for (LanHost host : site.hosts()) {
            addNamespace(host.namespace());
            veth(host.namespace(), SiteLan.HOST_PORT, lan, host.lanPeer());
            namespaces.ip(lan, "link", "set", host.lanPeer(), "master", SiteLan.BRIDGE);
            namespaces.ip(host.namespace(), "addr", "add", host.address().cidr(), "dev", SiteLan.HOST_PORT);
        }
    }

    /** A veth pair {@code name} in {@code ns} and {@code peer} in {@code peerNs}, both ends up. */
    private void veth(LinuxName ns, LinuxName name, LinuxName peerNs, LinuxName peer) {
        namespaces.ip(ns, "link", "add", name, "type", "veth", "peer", "name", peer, "netns", peerNs);
        namespaces.ip(ns, "link", "set", name, "up");
        namespaces.ip(peerNs, "link", "set", peer, "up");
    }

    private void addNamespace(LinuxName namespace) {
        namespaces.add(namespace);
        created.add(namespace);
        namespaces.ip(namespace, "link", "set", "lo", "up");
    }
}
