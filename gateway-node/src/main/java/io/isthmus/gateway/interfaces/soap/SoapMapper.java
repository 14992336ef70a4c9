package io.isthmus.gateway.interfaces.soap;

import io.isthmus.gateway.application.stitch.GatewayStatus;
import io.isthmus.gateway.domain.shared.InvalidRequestException;
import io.isthmus.gateway.domain.shared.Ipv4Address;
import io.isthmus.gateway.domain.shared.TimeWindow;
import io.isthmus.gateway.domain.stitch.Booking;
import io.isthmus.gateway.domain.stitch.SegmentName;
import io.isthmus.gateway.domain.stitch.StitchSpec;
import io.isthmus.gateway.domain.stitch.StitchState;
import io.isthmus.gateway.domain.stitch.VlanId;
import io.isthmus.gateway.domain.stitch.Vni;
import io.isthmus.gateway.domain.tunnel.CertFingerprint;
import io.isthmus.gateway.domain.tunnel.InterfaceName;
import io.isthmus.gateway.domain.tunnel.OpenVpnOffer;
import io.isthmus.gateway.domain.tunnel.PeerEndpoint;
import io.isthmus.gateway.domain.tunnel.PeerPort;
import io.isthmus.gateway.domain.tunnel.StitchInterfaces;
import io.isthmus.gateway.domain.tunnel.TunnelKind;
import io.isthmus.gateway.domain.tunnel.TunnelKindSupport;
import io.isthmus.schema.gateway.v1.GatewayResult;
import io.isthmus.schema.gateway.v1.StatusResponse;
import io.isthmus.schema.gateway.v1.StitchStatus;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javax.xml.datatype.XMLGregorianCalendar;

/** Maps generated GatewayService messages to domain values and back; nothing generated goes further in. */
final class SoapMapper {

    private final Function<StitchSpec, StitchInterfaces> interfaces;

    /** {@code interfaces} names what realises a stitch at this gateway (with or without a site leg). */
    SoapMapper(Function<StitchSpec, StitchInterfaces> interfaces) {
        this.interfaces = interfaces;
    }

    static List<StitchSpec> specs(List<io.isthmus.schema.gateway.v1.StitchSpec> wire) {
        return wire.stream().map(SoapMapper::spec).toList();
    }

    static List<PeerEndpoint> peerEndpoints(List<io.isthmus.schema.gateway.v1.PeerEndpoint> wire) {
        return wire.stream().map(w -> new PeerEndpoint(new SegmentName(w.getSegment()), new Ipv4Address(w.getPeer()),
                new CertFingerprint(w.getFingerprint()), Optional.ofNullable(w.getPort()))).toList();
    }

    static TimeWindow window(io.isthmus.schema.v1.TimeWindow wire) {
        if (wire == null) {
            throw new InvalidRequestException("window is missing: send the reservation's window (start, end)");
        }
        return new TimeWindow(instant(wire.getStart(), "window start"), instant(wire.getEnd(), "window end"));
    }

    static Instant instant(XMLGregorianCalendar value, String field) {
        if (value == null) {
            throw new InvalidRequestException(field + " is missing");
        }
        return value.toGregorianCalendar().toInstant();
    }

    GatewayResult result(Collection<Booking> bookings) {
        GatewayResult result = new GatewayResult();
        bookings.forEach(b -> result.getStitch().addAll(statuses(b)));
        return result;
    }

    StatusResponse status(GatewayStatus status) {
        StatusResponse response = new StatusResponse();
        response.setGateway(status.gateway().value());
        response.setTunnelAddress(status.tunnelAddress().value());
        status.kinds().forEach(k -> response.getSupportedKind().add(kindSupport(k)));
        status.bookings().forEach(b -> response.getStitch().addAll(statuses(b)));
        return response;
    }

    private static StitchSpec spec(io.isthmus.schema.gateway.v1.StitchSpec w) {
        if (w.getKind() == null) {
            throw new InvalidRequestException("stitch of segment " + w.getSegment() + " has no tunnel kind");
        }
        Optional<VlanId> vlan = Optional.ofNullable(w.getLocalVlan()).map(VlanId::new);
        List<Ipv4Address> peers = w.getPeer().stream().map(Ipv4Address::new).toList();
        return new StitchSpec(new SegmentName(w.getSegment()), new Vni(w.getVni()),
                TunnelKind.fromWireName(w.getKind().value()), vlan, peers);
    }

    private List<StitchStatus> statuses(Booking booking) {
        return booking.specs().stream().map(spec -> {
            StitchStatus s = new StitchStatus();
            s.setReservationId(booking.reservationId().value());
            s.setState(state(booking.state()));
            s.setSpec(wire(spec));
            if (booking.state() == StitchState.STITCHED) {
                interfaces.apply(spec).all().stream().map(InterfaceName::value).forEach(s.getInterface()::add);
            }
            booking.offerFor(spec.vni()).map(SoapMapper::offer).ifPresent(s::setOpenvpn);
            return s;
        }).toList();
    }

    private static io.isthmus.schema.gateway.v1.StitchSpec wire(StitchSpec spec) {
        io.isthmus.schema.gateway.v1.StitchSpec w = new io.isthmus.schema.gateway.v1.StitchSpec();
        w.setSegment(spec.segment().value());
        w.setVni(spec.vni().value());
        w.setKind(io.isthmus.schema.v1.TunnelKind.fromValue(spec.kind().wireName()));
        spec.localVlan().ifPresent(v -> w.setLocalVlan(v.value()));
        spec.peers().forEach(p -> w.getPeer().add(p.value()));
        return w;
    }

    private static io.isthmus.schema.gateway.v1.OpenVpnOffer offer(OpenVpnOffer offer) {
        io.isthmus.schema.gateway.v1.OpenVpnOffer w = new io.isthmus.schema.gateway.v1.OpenVpnOffer();
        w.setFingerprint(offer.fingerprint().value());
        for (PeerPort listen : offer.listen()) {
            io.isthmus.schema.gateway.v1.PeerPort p = new io.isthmus.schema.gateway.v1.PeerPort();
            p.setPeer(listen.peer().value());
            p.setPort(listen.port());
            w.getListen().add(p);
        }
        return w;
    }

    private static io.isthmus.schema.gateway.v1.StitchState state(StitchState state) {
        return switch (state) {
            case HELD -> io.isthmus.schema.gateway.v1.StitchState.HELD;
            case COMMITTED -> io.isthmus.schema.gateway.v1.StitchState.COMMITTED;
            case STITCHED -> io.isthmus.schema.gateway.v1.StitchState.STITCHED;
        };
    }

    private static io.isthmus.schema.gateway.v1.TunnelKindSupport kindSupport(TunnelKindSupport k) {
        io.isthmus.schema.gateway.v1.TunnelKindSupport w = new io.isthmus.schema.gateway.v1.TunnelKindSupport();
        w.setKind(io.isthmus.schema.v1.TunnelKind.fromValue(k.kind().wireName()));
        w.setAvailable(k.available());
        k.reason().ifPresent(w::setReason);
        return w;
    }
}
