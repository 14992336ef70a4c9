package io.isthmus.examples.federation;

import io.isthmus.examples.client.ViDocument;
import io.isthmus.examples.federation.topology.EmulatedUnderlay;
import io.isthmus.examples.federation.topology.TenantLan;
import io.isthmus.schema.v1.LinkQos;
import io.isthmus.schema.v1.Node;
import io.isthmus.schema.v1.NodePair;
import io.isthmus.schema.v1.Pin;
import io.isthmus.schema.v1.PlacementConstraints;
import io.isthmus.schema.v1.VirtualInfrastructure;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** The requests the system tests send, made from the shipped example {@code two-site-vi.xml}. */
final class TestVis {

    private TestVis() {
    }

    /** The shipped example (tenant t1 on its requester gateway gw-req), its window moved to now. */
    static VirtualInfrastructure twoSite() {
        return ViDocument.startingNow(ViDocument.read(Path.of("two-site-vi.xml")), Instant.now(), Duration.ofHours(1));
    }

    /** The same request by the tenant that the emulated federation registers at {@code requesterGateway}. */
    static VirtualInfrastructure onGateway(VirtualInfrastructure vi, String requesterGateway) {
        vi.getRequesterGateway().setId(requesterGateway);
        vi.setTenant(tenantAt(requesterGateway));
        return vi;
    }

    /** The tenant whose network is behind a requester gateway of the emulated federation (t1 at gw-req). */
    static String tenantAt(String requesterGateway) {
        return EmulatedUnderlay.tenantLans().stream().filter(lan -> lan.gateway().gatewayId().equals(requesterGateway))
                .map(TenantLan::tenant).findFirst().orElseThrow(() -> new IllegalArgumentException(
                        "the emulated federation has no requester gateway " + requesterGateway));
    }

    /** One 1 GiB node of the example on one segment: fits anywhere. */
    static VirtualInfrastructure small() {
        VirtualInfrastructure vi = twoSite();
        vi.getNode().subList(1, vi.getNode().size()).clear();
        vi.getNode().get(0).setMemoryMib(1024);
        vi.getNode().get(0).setVcpus(1);
        vi.getNode().get(0).getNic().subList(1, vi.getNode().get(0).getNic().size()).clear();
        vi.getSegment().subList(1, vi.getSegment().size()).clear();
        vi.getLink().clear();
        return vi;
    }

    /** Two small nodes pinned to different sites with {@code mbps} guaranteed between them. */
    static VirtualInfrastructure split(int mbps) {
        VirtualInfrastructure vi = small();
        Node second = ViDocument.read(Path.of("two-site-vi.xml")).getNode().get(1);
        second.setMemoryMib(1024);
        second.setVcpus(1);
        second.getNic().subList(1, second.getNic().size()).clear();
        second.getNic().get(0).setIpv4(null);
        vi.getNode().add(second);
        LinkQos link = new LinkQos();
        NodePair pair = new NodePair();
        pair.setA(vi.getNode().get(0).getName());
        pair.setB(second.getName());
        link.setNodes(pair);
        link.setBandwidthMbps(mbps);
        vi.getLink().add(link);
        PlacementConstraints constraints = new PlacementConstraints();
        constraints.getPin().add(pin(vi.getNode().get(0).getName(), "site-a"));
        constraints.getPin().add(pin(second.getName(), "site-b"));
        vi.setConstraints(constraints);
        return vi;
    }

    private static Pin pin(String node, String site) {
        Pin pin = new Pin();
        pin.setNode(node);
        pin.setSite(site);
        return pin;
    }
}
