package io.isthmus.broker.interfaces.soap;

import io.isthmus.broker.application.reservation.NodeConsole;
import io.isthmus.broker.domain.reservation.GatewaySpec;
import io.isthmus.broker.domain.reservation.LinkSpec;
import io.isthmus.broker.domain.reservation.NicAssignment;
import io.isthmus.broker.domain.reservation.NicSpec;
import io.isthmus.broker.domain.reservation.NodeGroup;
import io.isthmus.broker.domain.reservation.NodeSpec;
import io.isthmus.broker.domain.reservation.PlacementConstraints;
import io.isthmus.broker.domain.reservation.Reservation;
import io.isthmus.broker.domain.reservation.ReservedNode;
import io.isthmus.broker.domain.reservation.ReservedSegment;
import io.isthmus.broker.domain.reservation.SegmentSpec;
import io.isthmus.broker.domain.reservation.TimeWindow;
import io.isthmus.broker.domain.reservation.ValidationException;
import io.isthmus.broker.domain.reservation.VirtualInfrastructureSpec;
import io.isthmus.broker.infrastructure.site.XmlTimes;
import io.isthmus.schema.broker.v1.ConsoleLogResponse;
import io.isthmus.schema.v1.LifecycleState;
import io.isthmus.schema.v1.LinkQos;
import io.isthmus.schema.v1.NicPlacement;
import io.isthmus.schema.v1.NodePlacement;
import io.isthmus.schema.v1.ProvisionState;
import io.isthmus.schema.v1.ReservationState;
import io.isthmus.schema.v1.ReservationSummary;
import io.isthmus.schema.v1.SegmentAllocation;
import io.isthmus.schema.v1.TunnelKind;
import io.isthmus.schema.v1.VirtualInfrastructure;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import javax.xml.datatype.DatatypeConstants;
import javax.xml.datatype.XMLGregorianCalendar;

/** Maps the generated BrokerService types to the broker's domain and back; nothing generated passes further. */
final class SoapMapper {
    private static final BigInteger LAST_YEAR = BigInteger.valueOf(9999);

    private SoapMapper() {
    }

    /** The request as the domain sees it; a ValidationException when its times cannot be read as instants. */
    static VirtualInfrastructureSpec toSpec(VirtualInfrastructure vi) {
        var window = window(vi.getWindow());
        List<SegmentSpec> segments = vi.getSegment().stream()
                .map(s -> new SegmentSpec(s.getName(), s.getVlan(), s.getCidr())).toList();
        List<NodeSpec> nodes = vi.getNode().stream().map(n -> new NodeSpec(n.getName(), n.getVcpus(),
                n.getMemoryMib(), n.getDiskGib(), n.getImage(),
                n.isNestedVirtualization() == null || n.isNestedVirtualization(),
                n.getNic().stream().map(c -> new NicSpec(c.getSegment(), c.getMac(), c.getIpv4())).toList())).toList();
        List<LinkSpec> links = vi.getLink().stream().map(SoapMapper::link).toList();
        var gw = vi.getRequesterGateway();
        TunnelKind kind = gw.getTunnelKind() == null ? TunnelKind.VXLAN : gw.getTunnelKind();
        return new VirtualInfrastructureSpec(vi.getTenant(), vi.getDescription(), window, segments, nodes, links,
                constraints(vi.getConstraints()), new GatewaySpec(gw.getId(), kind.value()));
    }

    /**
     * The window's instants, each read at the offset it gives; a time without an offset is refused rather than
     * guessed.
     */
    private static TimeWindow window(io.isthmus.schema.v1.TimeWindow w) {
        List<String> problems = new ArrayList<>();
        readable("window.start", w.getStart(), problems);
        readable("window.end", w.getEnd(), problems);
        if (!problems.isEmpty()) {
            throw new ValidationException("the virtual infrastructure request has " + problems.size()
                    + " problem(s): " + String.join("; ", problems), problems);
        }
        return new TimeWindow(w.getStart().toGregorianCalendar().toInstant(),
                w.getEnd().toGregorianCalendar().toInstant());
    }

    private static void readable(String field, XMLGregorianCalendar time, List<String> problems) {
        String text = time.toXMLFormat();
        if (time.getTimezone() == DatatypeConstants.FIELD_UNDEFINED) {
            problems.add(field + ": " + text + " has no time zone; give an explicit offset, such as " + text + "Z for"
                    + " UTC or " + text + "+01:00");
        } else if (time.getEonAndYear().compareTo(LAST_YEAR) > 0) {
            // GregorianCalendar wraps such years around to arbitrary instants.
            problems.add(field + ": " + text + " lies after year " + LAST_YEAR + "; no window reaches that far");
        }
    }

    private static LinkSpec link(LinkQos l) {
        String a = l.getNodes() == null ? null : l.getNodes().getA();
        String b = l.getNodes() == null ? null : l.getNodes().getB();
        return new LinkSpec(a, b, l.getSegment(), l.getBandwidthMbps(), l.getMaxLatencyMs());
    }

    private static PlacementConstraints constraints(io.isthmus.schema.v1.PlacementConstraints c) {
        if (c == null) {
            return PlacementConstraints.NONE;
        }
        return new PlacementConstraints(c.getAllowedSite(),
                c.getAffinityGroup().stream().map(g -> new NodeGroup(g.getName(), g.getNode())).toList(),
                c.getAntiAffinityGroup().stream().map(g -> new NodeGroup(g.getName(), g.getNode())).toList(),
                c.getPin().stream().map(p -> new PlacementConstraints.Pin(p.getNode(), p.getSite(), p.getHost()))
                        .toList());
    }

    static ConsoleLogResponse toConsoleLog(NodeConsole console) {
        ConsoleLogResponse response = new ConsoleLogResponse();
        response.setSite(console.site().value());
        response.setNode(console.node());
        response.setLog(console.tail().log());
        response.setTruncated(console.tail().truncated());
        return response;
    }

    static ReservationSummary toSummary(Reservation r) {
        ReservationSummary s = new ReservationSummary();
        s.setReservationId(r.id().value());
        s.setTenant(r.tenant());
        s.setRequesterId(r.requesterId());
        s.setDescription(r.description());
        var window = new io.isthmus.schema.v1.TimeWindow();
        window.setStart(XmlTimes.toXml(r.window().start()));
        window.setEnd(XmlTimes.toXml(r.window().end()));
        s.setWindow(window);
        s.setReservationState(ReservationState.fromValue(r.reservationState().name()));
        s.setProvisionState(ProvisionState.fromValue(r.provisionState().name()));
        s.setLifecycleState(LifecycleState.fromValue(r.lifecycleState().name()));
        s.setCommitted(r.committed());
        s.setDataPlaneActive(r.dataPlaneActive());
        r.holdExpires().ifPresent(t -> s.setHoldExpires(XmlTimes.toXml(t)));
        for (ReservedNode n : r.nodes()) {
            NodePlacement p = new NodePlacement();
            p.setNode(n.name());
            p.setSite(n.site().value());
            p.setHost(n.host().map(h -> h.value()).orElse(null));
            for (NicAssignment nic : n.nics()) {
                NicPlacement np = new NicPlacement();
                np.setSegment(nic.segment());
                np.setVni(r.segment(nic.segment()).map(ReservedSegment::vni).orElse(0));
                np.setMac(nic.mac());
                np.setIpv4(nic.ipv4());
                p.getNic().add(np);
            }
            s.getPlacement().add(p);
        }
        for (ReservedSegment seg : r.segments()) {
            SegmentAllocation a = new SegmentAllocation();
            a.setSegment(seg.name());
            a.setVlan(seg.vlan());
            a.setVni(seg.vni());
            s.getSegment().add(a);
        }
        r.lastError().ifPresent(s::setLastError);
        return s;
    }
}
