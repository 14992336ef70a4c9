package io.isthmus.gateway;

import io.isthmus.schema.gateway.v1.Prepare;
import io.isthmus.schema.gateway.v1.Status;
import io.isthmus.schema.gateway.v1.StitchSpec;
import io.isthmus.schema.v1.IsthmusHeader;
import io.isthmus.schema.v1.ReservationTx;
import io.isthmus.schema.v1.TimeWindow;
import io.isthmus.schema.v1.TunnelKind;
import io.isthmus.wsdl.gateway.GatewayService;
import io.isthmus.wsdl.gateway.GatewayServicePort;
import jakarta.xml.ws.BindingProvider;
import java.time.Instant;
import java.util.UUID;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;

/** GatewayService messages as the broker sends them, and a client port for a running gateway. */
final class GatewayMessages {

    private GatewayMessages() {
    }

    static GatewayServicePort client(GatewayServer server) {
        GatewayServicePort port = new GatewayService().getGatewayServicePort();
        ((BindingProvider) port).getRequestContext().put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY,
                server.endpoint().toString());
        return port;
    }

    /** A prepare of one vxlan stitch towards 198.51.100.2 over {@code [start, end)}, held until {@code holdExpires}. */
    static Prepare prepare(String res, String tx, int vni, Integer vlan, Instant start, Instant end,
                           Instant holdExpires) {
        Prepare p = new Prepare();
        p.setReservationId(res);
        p.setTransactionId(tx);
        p.setHoldExpires(xml(holdExpires));
        TimeWindow window = new TimeWindow();
        window.setStart(xml(start));
        window.setEnd(xml(end));
        p.setWindow(window);
        StitchSpec s = new StitchSpec();
        s.setSegment("lan");
        s.setVni(vni);
        s.setKind(TunnelKind.VXLAN);
        s.setLocalVlan(vlan);
        s.getPeer().add("198.51.100.2");
        p.getStitch().add(s);
        return p;
    }

    static ReservationTx reservationTx(String res, String tx) {
        ReservationTx t = new ReservationTx();
        t.setReservationId(res);
        t.setTransactionId(tx);
        return t;
    }

    static io.isthmus.schema.gateway.v1.Stitch stitchTx(String res, String tx) {
        io.isthmus.schema.gateway.v1.Stitch t = new io.isthmus.schema.gateway.v1.Stitch();
        t.setReservationId(res);
        t.setTransactionId(tx);
        return t;
    }

    static Status statusOf(String res) {
        Status s = new Status();
        s.setReservationId(res);
        return s;
    }

    static IsthmusHeader header() {
        IsthmusHeader h = new IsthmusHeader();
        h.setCorrelationId(uuid());
        h.setRequesterId("broker-test");
        return h;
    }

    static String uuid() {
        return UUID.randomUUID().toString();
    }

    static XMLGregorianCalendar xml(Instant at) {
        return DatatypeFactory.newDefaultInstance().newXMLGregorianCalendar(at.toString());
    }
}
