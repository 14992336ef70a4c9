package io.isthmus.broker.infrastructure.site;

import io.isthmus.broker.domain.reservation.BrokerException;
import io.isthmus.broker.domain.reservation.FaultKind;
import io.isthmus.broker.domain.site.TxContext;
import io.isthmus.schema.v1.IsthmusHeader;
import io.isthmus.schema.v1.ReservationTx;
import io.isthmus.schema.v1.ServiceFaultInfo;
import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.WebServiceException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;

/** What the SOAP clients of sites and gateways share: addressing, timeouts, headers and fault mapping. */
final class SoapCalls {
    private static final Logger LOG = Logger.getLogger(SoapCalls.class.getName());

    private SoapCalls() {
    }

    static <P> P address(P port, URI endpoint, Duration timeout) {
        Map<String, Object> ctx = ((BindingProvider) port).getRequestContext();
        ctx.put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, endpoint.toString());
        ctx.put("com.sun.xml.ws.connect.timeout", (int) Math.min(timeout.toMillis(), 10_000));
        ctx.put("com.sun.xml.ws.request.timeout", (int) timeout.toMillis());
        return port;
    }

    static IsthmusHeader header(TxContext tx) {
        IsthmusHeader h = new IsthmusHeader();
        h.setCorrelationId(isUuid(tx.correlationId()) ? tx.correlationId() : UUID.randomUUID().toString());
        h.setRequesterId(tx.requesterId());
        return h;
    }

    static IsthmusHeader brokerHeader() {
        IsthmusHeader h = new IsthmusHeader();
        h.setCorrelationId(UUID.randomUUID().toString());
        h.setRequesterId("isthmus-broker");
        return h;
    }

    static <T extends ReservationTx> T tx(T message, TxContext tx) {
        message.setReservationId(tx.reservationId().value());
        message.setTransactionId(tx.transactionId());
        return message;
    }

    static BrokerException fault(String who, ServiceFaultInfo info, Exception cause) {
        if (info == null || info.getCode() == null) {
            LOG.warning(() -> who + " answered with a fault that is not a typed serviceFault: " + cause);
            return new BrokerException(FaultKind.INTERNAL, who + " failed without saying why in its contract's"
                    + " terms (the broker's log has what it answered)", cause);
        }
        return new BrokerException(FaultKind.valueOf(info.getCode().name()), who + ": " + info.getMessage(), cause);
    }

    /**
     * A participant that cannot be reached. Its address and the connection error go to the broker's log only: a
     * tenant reads these texts, and an internal address or a connection error would tell what listens where.
     */
    static BrokerException unreachable(String who, URI endpoint, WebServiceException cause) {
        LOG.warning(() -> who + " at " + endpoint + " cannot be reached: " + rootMessage(cause));
        return new BrokerException(FaultKind.UNAVAILABLE, who + " cannot be reached (the broker's log has the"
                + " details)", cause);
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static boolean isUuid(String s) {
        return s != null && s.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    }
}
