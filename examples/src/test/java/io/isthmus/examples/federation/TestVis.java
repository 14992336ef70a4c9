package io.isthmus.examples.federation;

import io.isthmus.examples.client.ViDocument;
import io.isthmus.schema.v1.LinkQos;
import io.isthmus.schema.v1.Node;
import io.isthmus.schema.v1.NodePair;
import io.isthmus.schema.v1.Pin;
import io.isthmus.schema.v1.PlacementConstraints;
import io.isthmus.schema.v1.VirtualInfrastructure;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** The requests the system tests send, made from the shipped example {@code two-site-vi.xml}. */
final class TestVis {

    private TestVis() {
    }

    /** The shipped example, its window moved to now and its requester gateway pointed at this federation. */
    static VirtualInfrastructure twoSite(URI requesterGateway) {
        VirtualInfrastructure vi = ViDocument.startingNow(ViDocument.read(Path.of("two-site-vi.xml")),
                Instant.now(), Duration.ofHours(1));
        vi.getRequesterGateway().setEndpoint(requesterGateway.toString());
        return vi;
    }

    /** One 1 GiB node of the example on one segment: fits anywhere. */
    static VirtualInfrastructure small(URI requesterGateway) {
        VirtualInfrastructure vi = twoSite(requesterGateway);
        vi.getNode().subList(1, vi.getNode().size()).clear();
        vi.getNode().get(0).setMemoryMib(1024);
        vi.getNode().get(0).setVcpus(1);
        vi.getNode().get(0).getNic().subList(1, vi.getNode().get(0).getNic().size()).clear();
        vi.getSegment().subList(1, vi.getSegment().size()).clear();
        vi.getLink().clear();
        return vi;
    }

    /** Two small nodes pinned to different sites with {@code mbps} guaranteed between them. */
    static VirtualInfrastructure split(URI requesterGateway, int mbps) {
        VirtualInfrastructure vi = small(requesterGateway);
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
