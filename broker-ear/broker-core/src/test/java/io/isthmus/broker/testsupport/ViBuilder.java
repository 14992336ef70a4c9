package io.isthmus.broker.testsupport;

import io.isthmus.broker.domain.reservation.GatewaySpec;
import io.isthmus.broker.domain.reservation.LinkSpec;
import io.isthmus.broker.domain.reservation.NicSpec;
import io.isthmus.broker.domain.reservation.NodeGroup;
import io.isthmus.broker.domain.reservation.NodeSpec;
import io.isthmus.broker.domain.reservation.PlacementConstraints;
import io.isthmus.broker.domain.reservation.SegmentSpec;
import io.isthmus.broker.domain.reservation.TimeWindow;
import io.isthmus.broker.domain.reservation.VirtualInfrastructureSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A valid request that a test changes in one place: two segments (mgmt with a CIDR, storage without), two nodes
 * and a link between them, a window from one to three hours after {@link #NOW}.
 */
public final class ViBuilder {
    public static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    private String tenant = "acme";
    private Instant start = NOW.plus(Duration.ofHours(1));
    private Instant end = NOW.plus(Duration.ofHours(3));
    private final List<SegmentSpec> segments = new ArrayList<>(List.of(
            new SegmentSpec("mgmt", 100, "10.0.0.0/24"),
            new SegmentSpec("storage", 200, null)));
    private final List<NodeSpec> nodes = new ArrayList<>(List.of(
            node("web-1", 2, 2048, 10, new NicSpec("mgmt", null, "10.0.0.10")),
            node("db-1", 4, 4096, 20, new NicSpec("mgmt", "02:00:00:00:00:01", null),
                    new NicSpec("storage", null, null))));
    private final List<LinkSpec> links = new ArrayList<>(List.of(new LinkSpec("web-1", "db-1", null, 100, 5.0)));
    private final List<NodeGroup> affinity = new ArrayList<>();
    private final List<NodeGroup> antiAffinity = new ArrayList<>();
    private final List<PlacementConstraints.Pin> pins = new ArrayList<>();
    private final List<String> allowedSites = new ArrayList<>();
    private GatewaySpec gateway = new GatewaySpec("gw-req", "vxlan");

    public static ViBuilder valid() {
        return new ViBuilder();
    }

    /** A request with just these nodes (no NICs needed), no links and no constraints. */
    public static ViBuilder ofNodes(NodeSpec... nodes) {
        ViBuilder b = new ViBuilder();
        b.nodes.clear();
        b.nodes.addAll(List.of(nodes));
        b.links.clear();
        return b;
    }

    public static NodeSpec node(String name, int vcpus, int memoryMib, int diskGib, NicSpec... nics) {
        return new NodeSpec(name, vcpus, memoryMib, diskGib, "debian-12", false, List.of(nics));
    }

    public static NodeSpec nestedNode(String name, int vcpus, int memoryMib, int diskGib) {
        return new NodeSpec(name, vcpus, memoryMib, diskGib, "debian-12", true, List.of());
    }

    public ViBuilder tenant(String name) {
        tenant = name;
        return this;
    }

    public ViBuilder window(Instant start, Instant end) {
        this.start = start;
        this.end = end;
        return this;
    }

    public ViBuilder affinity(String group, String... members) {
        affinity.add(new NodeGroup(group, List.of(members)));
        return this;
    }

    public ViBuilder antiAffinity(String group, String... members) {
        antiAffinity.add(new NodeGroup(group, List.of(members)));
        return this;
    }

    public ViBuilder segment(int index, SegmentSpec replacement) {
        segments.set(index, replacement);
        return this;
    }

    public ViBuilder addSegment(SegmentSpec segment) {
        segments.add(segment);
        return this;
    }

    public ViBuilder addNode(NodeSpec node) {
        nodes.add(node);
        return this;
    }

    public ViBuilder link(String a, String b) {
        links.add(new LinkSpec(a, b, null, null, null));
        return this;
    }

    /** A node-to-node link with a bandwidth (Mbit/s) and a latency bound (ms), each optional. */
    public ViBuilder link(String a, String b, Integer mbps, Double maxLatencyMs) {
        links.add(new LinkSpec(a, b, null, mbps, maxLatencyMs));
        return this;
    }

    /** QoS on a whole segment. */
    public ViBuilder segmentLink(String segment, Integer mbps, Double maxLatencyMs) {
        links.add(new LinkSpec(null, null, segment, mbps, maxLatencyMs));
        return this;
    }

    public ViBuilder pin(String node, String site, String host) {
        pins.add(new PlacementConstraints.Pin(node, site, host));
        return this;
    }

    public ViBuilder allowedSites(String... sites) {
        allowedSites.clear();
        allowedSites.addAll(List.of(sites));
        return this;
    }

    public ViBuilder gateway(GatewaySpec replacement) {
        gateway = replacement;
        return this;
    }

    /** Replaces NIC {@code nic} of node {@code node}. */
    public ViBuilder nic(int node, int nic, NicSpec replacement) {
        NodeSpec n = nodes.get(node);
        List<NicSpec> nics = new ArrayList<>(n.nics());
        nics.set(nic, replacement);
        nodes.set(node, new NodeSpec(n.name(), n.vcpus(), n.memoryMib(), n.diskGib(), n.image(), n.nested(), nics));
        return this;
    }

    public VirtualInfrastructureSpec build() {
        return new VirtualInfrastructureSpec(tenant, "test request", new TimeWindow(start, end), segments, nodes,
                links, new PlacementConstraints(allowedSites, affinity, antiAffinity, pins), gateway);
    }
}
