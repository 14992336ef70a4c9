package io.isthmus.broker.infrastructure.site;

import static io.isthmus.broker.infrastructure.site.SoapCalls.header;
import static io.isthmus.broker.infrastructure.site.SoapCalls.tx;

import io.isthmus.broker.domain.reservation.TimeWindow;
import io.isthmus.broker.domain.site.GatewayClient;
import io.isthmus.broker.domain.site.GatewayInfo;
import io.isthmus.broker.domain.site.OpenVpnOffer;
import io.isthmus.broker.domain.site.PeerEndpointOrder;
import io.isthmus.broker.domain.site.StitchOrder;
import io.isthmus.broker.domain.site.TxContext;
import io.isthmus.broker.domain.site.VlanId;
import io.isthmus.broker.infrastructure.config.BrokerSettings;
import io.isthmus.schema.gateway.v1.PeerEndpoint;
import io.isthmus.schema.gateway.v1.Prepare;
import io.isthmus.schema.gateway.v1.Status;
import io.isthmus.schema.gateway.v1.StatusResponse;
import io.isthmus.schema.gateway.v1.Stitch;
import io.isthmus.schema.gateway.v1.StitchSpec;
import io.isthmus.schema.gateway.v1.StitchStatus;
import io.isthmus.schema.gateway.v1.TunnelKindSupport;
import io.isthmus.schema.v1.ReservationTx;
import io.isthmus.schema.v1.TunnelKind;
import io.isthmus.wsdl.gateway.GatewayService;
import io.isthmus.wsdl.gateway.GatewayServicePort;
import io.isthmus.wsdl.gateway.ServiceFault;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.xml.ws.WebServiceException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@link GatewayClient} over the GatewayService SOAP contract. */
@ApplicationScoped
public class SoapGatewayClient implements GatewayClient {
    private GatewayService service;

    @Inject
    BrokerSettings settings;

    /** Parses the WSDL once; ports made from it are cheap and used by one call each. */
    @PostConstruct
    void init() {
        service = new GatewayService();
    }

    @Override
    public GatewayInfo status(URI endpoint) {
        StatusResponse s = call(endpoint, port -> port.status(new Status(), SoapCalls.brokerHeader()));
        Set<String> available = new HashSet<>();
        Map<String, String> unavailable = new HashMap<>();
        for (TunnelKindSupport k : s.getSupportedKind()) {
            if (k.isAvailable()) {
                available.add(k.getKind().value());
            } else {
                unavailable.put(k.getKind().value(), k.getReason());
            }
        }
        return new GatewayInfo(s.getGateway(), s.getTunnelAddress(), unavailable, available);
    }

    @Override
    public void prepare(URI endpoint, TxContext tx, TimeWindow window, Instant holdExpires,
                        List<StitchOrder> stitches) {
        Prepare request = tx(new Prepare(), tx);
        request.setWindow(XmlTimes.toXml(window));
        request.setHoldExpires(XmlTimes.toXml(holdExpires));
        for (StitchOrder o : stitches) {
            StitchSpec spec = new StitchSpec();
            spec.setSegment(o.segment().value());
            spec.setVni(o.vni().value());
            spec.setKind(TunnelKind.fromValue(o.kind().wireName()));
            spec.setLocalVlan(o.localVlan().map(VlanId::value).orElse(null));
            spec.getPeer().addAll(o.peers());
            request.getStitch().add(spec);
        }
        call(endpoint, port -> port.prepare(request, header(tx)));
    }

    @Override
    public void commit(URI endpoint, TxContext tx) {
        call(endpoint, port -> port.commit(tx(new ReservationTx(), tx), header(tx)));
    }

    @Override
    public void abort(URI endpoint, TxContext tx) {
        call(endpoint, port -> port.abort(tx(new ReservationTx(), tx), header(tx)));
    }

    @Override
    public List<OpenVpnOffer> openVpnOffers(URI endpoint, String reservationId) {
        Status request = new Status();
        request.setReservationId(reservationId);
        StatusResponse s = call(endpoint, port -> port.status(request, SoapCalls.brokerHeader()));
        List<OpenVpnOffer> offers = new ArrayList<>();
        for (StitchStatus stitch : s.getStitch()) {
            if (stitch.getOpenvpn() != null) {
                Map<String, Integer> ports = new HashMap<>();
                stitch.getOpenvpn().getListen().forEach(l -> ports.put(l.getPeer(), l.getPort()));
                offers.add(new OpenVpnOffer(stitch.getSpec().getSegment(), stitch.getOpenvpn().getFingerprint(),
                        ports));
            }
        }
        return offers;
    }

    @Override
    public void stitch(URI endpoint, TxContext tx, List<PeerEndpointOrder> peers) {
        Stitch request = tx(new Stitch(), tx);
        for (PeerEndpointOrder p : peers) {
            PeerEndpoint e = new PeerEndpoint();
            e.setSegment(p.segment().value());
            e.setPeer(p.peer());
            e.setFingerprint(p.fingerprint());
            e.setPort(p.port().isPresent() ? p.port().getAsInt() : null);
            request.getPeerEndpoint().add(e);
        }
        call(endpoint, port -> port.stitch(request, header(tx)));
    }

    @Override
    public void unstitch(URI endpoint, TxContext tx) {
        call(endpoint, port -> port.unstitch(tx(new ReservationTx(), tx), header(tx)));
    }

    private interface Call<T> {
        T on(GatewayServicePort port) throws ServiceFault;
    }

    private <T> T call(URI endpoint, Call<T> call) {
        try {
            return call.on(SoapCalls.address(service.getGatewayServicePort(), endpoint, settings.callTimeout()));
        } catch (ServiceFault f) {
            throw SoapCalls.fault("gateway", f.getFaultInfo(), f);
        } catch (WebServiceException e) {
            throw SoapCalls.unreachable("gateway", endpoint, e);
        }
    }
}
