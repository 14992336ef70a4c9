package io.isthmus.examples.client;

import io.isthmus.schema.broker.v1.ConsoleLog;
import io.isthmus.schema.broker.v1.ConsoleLogResponse;
import io.isthmus.schema.broker.v1.QuerySummarySync;
import io.isthmus.schema.broker.v1.ReservationRef;
import io.isthmus.schema.broker.v1.Reserve;
import io.isthmus.schema.v1.IsthmusHeader;
import io.isthmus.schema.v1.ReservationSummary;
import io.isthmus.schema.v1.VirtualInfrastructure;
import io.isthmus.wsdl.broker.BrokerService;
import io.isthmus.wsdl.broker.BrokerServicePort;
import io.isthmus.wsdl.broker.ServiceFault;
import jakarta.xml.ws.BindingProvider;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A SOAP client of the broker's {@code BrokerService}: each call carries a fresh correlation id and the
 * requester id. Faults come back as the typed {@link ServiceFault}.
 */
public final class IsthmusClient {

    private static final int CONNECT_TIMEOUT_MS = 10_000;
    private static final int REQUEST_TIMEOUT_MS = 300_000;

    private final BrokerServicePort port;
    private final String requesterId;

    public IsthmusClient(URI brokerSoap, String requesterId) {
        this.requesterId = requesterId;
        this.port = new BrokerService().getBrokerServicePort();
        var context = ((BindingProvider) port).getRequestContext();
        context.put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, brokerSoap.toString());
        context.put("com.sun.xml.ws.connect.timeout", CONNECT_TIMEOUT_MS);
        context.put("com.sun.xml.ws.request.timeout", REQUEST_TIMEOUT_MS);
    }

    public ReservationSummary reserve(VirtualInfrastructure vi) throws ServiceFault {
        return reserve(vi, UUID.randomUUID().toString());
    }

    /** A reserve under a correlation id of the caller's: sent again with the same id, it answers the first one. */
    public ReservationSummary reserve(VirtualInfrastructure vi, String correlationId) throws ServiceFault {
        Reserve request = new Reserve();
        request.setVirtualInfrastructure(vi);
        IsthmusHeader header = header();
        header.setCorrelationId(correlationId);
        return port.reserve(request, header).getSummary();
    }

    public ReservationSummary reserveCommit(String reservationId) throws ServiceFault {
        return port.reserveCommit(ref(reservationId), header()).getSummary();
    }

    public ReservationSummary reserveAbort(String reservationId) throws ServiceFault {
        return port.reserveAbort(ref(reservationId), header()).getSummary();
    }

    public ReservationSummary provision(String reservationId) throws ServiceFault {
        return port.provision(ref(reservationId), header()).getSummary();
    }

    public ReservationSummary release(String reservationId) throws ServiceFault {
        return port.release(ref(reservationId), header()).getSummary();
    }

    public ReservationSummary terminate(String reservationId) throws ServiceFault {
        return port.terminate(ref(reservationId), header()).getSummary();
    }

    /** The broker's current summary of one reservation. */
    public Optional<ReservationSummary> query(String reservationId) throws ServiceFault {
        QuerySummarySync request = new QuerySummarySync();
        request.getReservationId().add(reservationId);
        List<ReservationSummary> found = port.querySummarySync(request, header()).getSummary();
        return found.stream().filter(s -> reservationId.equals(s.getReservationId())).findFirst();
    }

    /** Every reservation of this requester the broker knows. */
    public List<ReservationSummary> queryAll() throws ServiceFault {
        return port.querySummarySync(new QuerySummarySync(), header()).getSummary();
    }

    /** The end of an L1 node's serial console log (the broker's default, 16 KiB), read from the site that runs it. */
    public ConsoleLogResponse consoleLog(String reservationId, String node) throws ServiceFault {
        return consoleLog(reservationId, node, null);
    }

    /** The last {@code maxBytes} (1 to 1048576; null: the broker's default) of an L1 node's serial console log. */
    public ConsoleLogResponse consoleLog(String reservationId, String node, Integer maxBytes) throws ServiceFault {
        ConsoleLog request = new ConsoleLog();
        request.setReservationId(reservationId);
        request.setNode(node);
        request.setMaxBytes(maxBytes);
        return port.consoleLog(request, header());
    }

    private IsthmusHeader header() {
        IsthmusHeader header = new IsthmusHeader();
        header.setCorrelationId(UUID.randomUUID().toString());
        header.setRequesterId(requesterId);
        return header;
    }

    private static ReservationRef ref(String reservationId) {
        ReservationRef ref = new ReservationRef();
        ref.setReservationId(reservationId);
        return ref;
    }
}
