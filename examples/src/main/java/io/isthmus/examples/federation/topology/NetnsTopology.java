package io.isthmus.examples.federation.topology;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds and removes the {@link EmulatedUnderlay} with iproute2 (needs root). Leftovers of a previous
 * run that crashed are deleted first, and said so.
 */
public final class NetnsTopology implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(NetnsTopology.class.getName());

    private final CommandRunner runner;
    private final List<LinuxName> created = new ArrayList<>();

    public NetnsTopology(CommandRunner runner) {
        this.runner = runner;
    }

    /** Creates the whole underlay; on failure removes what it had made and rethrows. */
    public void create() {
        removeLeftovers();
        try {
            addNamespace(EmulatedUnderlay.WAN_NAMESPACE);
            LinuxName wan = EmulatedUnderlay.WAN_NAMESPACE;
            ip(wan, "link", "add", EmulatedUnderlay.WAN_BRIDGE, "type", "bridge");
            ip(wan, "link", "set", EmulatedUnderlay.WAN_BRIDGE, "up");
            addNamespace(EmulatedUnderlay.REQUESTER_LAN_NAMESPACE);
            for (GatewaySlot gateway : EmulatedUnderlay.gateways()) {
                addGateway(gateway);
            }
            LOG.log(System.Logger.Level.INFO, "Emulated underlay ready: namespaces {0}", created);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Whether the kernel can make 802.1Q sub-interfaces on the requester gateway's trunk (made and removed here). */
    public boolean trunkCarriesVlans() {
        LinuxName probe = LinuxName.of("isvlprobe");
        try {
            ip(EmulatedUnderlay.REQUESTER.namespace(), "link", "add", "link", EmulatedUnderlay.TRUNK, "name", probe,
                    "type", "vlan", "id", 4094);
        } catch (CommandFailedException noVlanSupport) {
            LOG.log(System.Logger.Level.INFO, "no 802.1Q on this kernel: {0}", noVlanSupport.getMessage());
            return false;
        }
        ip(EmulatedUnderlay.REQUESTER.namespace(), "link", "delete", probe);
        return true;
    }

    /** Namespaces of the underlay that exist now (from {@code ip netns list}). */
    public List<LinuxName> existingNamespaces() {
        String listing = runner.run(List.of("ip", "netns", "list"));
        List<String> names = Arrays.stream(listing.split("\n"))
                .map(line -> line.strip().split("\\s+")[0])
                .toList();
        return EmulatedUnderlay.namespaces().stream().filter(ns -> names.contains(ns.value())).toList();
    }

    @Override
    public void close() {
        for (LinuxName namespace : EmulatedUnderlay.namespaces()) {
            if (created.remove(namespace)) {
                deleteNamespace(namespace);
            }
        }
    }

    private void removeLeftovers() {
        for (LinuxName namespace : existingNamespaces()) {
            System.out.println("Removing namespace " + namespace + " left over from an earlier run");
            deleteNamespace(namespace);
        }
    }

    private void addGateway(GatewaySlot gateway) {
        LinuxName ns = gateway.namespace();
        addNamespace(ns);
        ip(ns, "link", "add", EmulatedUnderlay.GATEWAY_UPLINK, "type", "veth",
                "peer", "name", gateway.wanPeer(), "netns", EmulatedUnderlay.WAN_NAMESPACE);
        ip(EmulatedUnderlay.WAN_NAMESPACE, "link", "set", gateway.wanPeer(), "master", EmulatedUnderlay.WAN_BRIDGE);
        ip(EmulatedUnderlay.WAN_NAMESPACE, "link", "set", gateway.wanPeer(), "up");
        ip(ns, "addr", "add", gateway.address().cidr(), "dev", EmulatedUnderlay.GATEWAY_UPLINK);
        ip(ns, "link", "set", EmulatedUnderlay.GATEWAY_UPLINK, "up");
        if (gateway.requester()) {
            ip(ns, "link", "add", EmulatedUnderlay.TRUNK, "type", "veth",
                    "peer", "name", EmulatedUnderlay.REQUESTER_LAN, "netns", EmulatedUnderlay.REQUESTER_LAN_NAMESPACE);
            ip(ns, "link", "set", EmulatedUnderlay.TRUNK, "up");
            ip(EmulatedUnderlay.REQUESTER_LAN_NAMESPACE, "link", "set", EmulatedUnderlay.REQUESTER_LAN, "up");
        }
    }

    private void addNamespace(LinuxName namespace) {
        runner.run(List.of("ip", "netns", "add", namespace.value()));
        created.add(namespace);
        ip(namespace, "link", "set", "lo", "up");
    }

    private void deleteNamespace(LinuxName namespace) {
        runner.run(List.of("ip", "netns", "delete", namespace.value()));
        LOG.log(System.Logger.Level.INFO, "Deleted network namespace {0}", namespace);
    }

    private void ip(LinuxName namespace, Object... arguments) {
        List<String> command = new ArrayList<>(List.of("ip", "-n", namespace.value()));
        for (Object argument : arguments) {
            command.add(argument.toString());
        }
        runner.run(command);
    }
}
