package io.isthmus.broker.interfaces.soap;

import io.isthmus.broker.application.reservation.ConsoleService;
import io.isthmus.broker.application.reservation.ReservationService;
import io.isthmus.broker.application.reservation.Requester;
import io.isthmus.broker.domain.reservation.BrokerException;
import io.isthmus.broker.domain.reservation.FaultKind;
import io.isthmus.broker.domain.reservation.Reservation;
import io.isthmus.broker.domain.reservation.ReservationId;
import io.isthmus.schema.broker.v1.ConsoleLog;
import io.isthmus.schema.broker.v1.ConsoleLogResponse;
import io.isthmus.schema.broker.v1.QuerySummarySync;
import io.isthmus.schema.broker.v1.QuerySummarySyncResponse;
import io.isthmus.schema.broker.v1.ReservationRef;
import io.isthmus.schema.broker.v1.ReservationResult;
import io.isthmus.schema.broker.v1.Reserve;
import io.isthmus.schema.v1.FaultCode;
import io.isthmus.schema.v1.IsthmusHeader;
import io.isthmus.wsdl.broker.BrokerServicePort;
import io.isthmus.wsdl.broker.ServiceFault;
import io.isthmus.wsdl.support.ServiceFaults;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.jws.HandlerChain;
import jakarta.jws.WebService;
import java.util.List;
import java.util.function.BiFunction;
import java.util.logging.Logger;

/**
 * The BrokerService endpoint (Metro, declared in WEB-INF/sun-jaxws.xml). Requests reach it already checked
 * against the XSD by {@link io.isthmus.wsdl.support.BrokerContractValidation}; it maps them to the domain, calls the reservation service
 * and maps domain failures to typed faults.
 */
@WebService(serviceName = "BrokerService", portName = "BrokerServicePort",
        targetNamespace = "urn:isthmus:broker:v1:wsdl", endpointInterface = "io.isthmus.wsdl.broker.BrokerServicePort",
        wsdlLocation = "WEB-INF/wsdl/BrokerService.wsdl")
@HandlerChain(file = "handlers.xml")
public class BrokerEndpoint implements BrokerServicePort {
    private static final Logger LOG = Logger.getLogger(BrokerEndpoint.class.getName());
    /** The schema's bound on the summaries of one querySummarySync answer. */
    static final int MAX_SUMMARIES = 5000;

    private ReservationService service() {
        return CDI.current().select(ReservationService.class).get();
    }

    private ConsoleService console() {
        return CDI.current().select(ConsoleService.class).get();
    }

    @Override
    public ReservationResult reserve(Reserve parameters, IsthmusHeader header) throws ServiceFault {
        return act(header, (s, who) -> {
            LOG.info(() -> "reserve from " + who.requesterId() + " (correlation " + who.correlationId()
                    + ") for tenant " + parameters.getVirtualInfrastructure().getTenant());
            return s.reserve(who, SoapMapper.toSpec(parameters.getVirtualInfrastructure()));
        });
    }

    @Override
    public ReservationResult reserveCommit(ReservationRef parameters, IsthmusHeader header) throws ServiceFault {
        return act(header, (s, who) -> s.commit(who, id(parameters)));
    }

    @Override
    public ReservationResult reserveAbort(ReservationRef parameters, IsthmusHeader header) throws ServiceFault {
        return act(header, (s, who) -> s.abort(who, id(parameters)));
    }

    @Override
    public ReservationResult provision(ReservationRef parameters, IsthmusHeader header) throws ServiceFault {
        return act(header, (s, who) -> s.provision(who, id(parameters)));
    }

    @Override
    public ReservationResult release(ReservationRef parameters, IsthmusHeader header) throws ServiceFault {
        return act(header, (s, who) -> s.release(who, id(parameters)));
    }

    @Override
    public ReservationResult terminate(ReservationRef parameters, IsthmusHeader header) throws ServiceFault {
        return act(header, (s, who) -> s.terminate(who, id(parameters)));
    }

    @Override
    public QuerySummarySyncResponse querySummarySync(QuerySummarySync parameters, IsthmusHeader header)
            throws ServiceFault {
        Requester who = requester(header);
        try {
            List<ReservationId> ids = parameters.getReservationId().stream().map(ReservationId::new).toList();
            List<Reservation> found = service().query(who, ids, parameters.getTenant());
            if (found.size() > MAX_SUMMARIES) {
                throw new BrokerException(FaultKind.VALIDATION, found.size() + " reservations match, more than the "
                        + MAX_SUMMARIES + " one answer carries: name reservation ids or a tenant");
            }
            QuerySummarySyncResponse response = new QuerySummarySyncResponse();
            found.forEach(r -> response.getSummary().add(SoapMapper.toSummary(r)));
            return response;
        } catch (BrokerException e) {
            throw Faults.from(e);
        }
    }

    @Override
    public ConsoleLogResponse consoleLog(ConsoleLog parameters, IsthmusHeader header) throws ServiceFault {
        Requester who = requester(header);
        try {
            int maxBytes = parameters.getMaxBytes() == null ? ConsoleService.DEFAULT_MAX_BYTES
                    : parameters.getMaxBytes();
            return SoapMapper.toConsoleLog(console().read(who, new ReservationId(parameters.getReservationId()),
                    parameters.getNode(), maxBytes));
        } catch (BrokerException e) {
            LOG.info(() -> "consoleLog refused (" + e.kind() + "): " + e.getMessage());
            throw Faults.from(e);
        }
    }

    /** Runs one use case for the caller named in the header; a domain failure becomes the typed fault. */
    private ReservationResult act(IsthmusHeader header,
                                  BiFunction<ReservationService, Requester, Reservation> action) throws ServiceFault {
        Requester who = requester(header);
        try {
            ReservationResult result = new ReservationResult();
            result.setSummary(SoapMapper.toSummary(action.apply(service(), who)));
            return result;
        } catch (BrokerException e) {
            LOG.info(() -> "refused (" + e.kind() + "): " + e.getMessage());
            throw Faults.from(e);
        }
    }

    private static ReservationId id(ReservationRef ref) {
        return new ReservationId(ref.getReservationId());
    }

    private static Requester requester(IsthmusHeader header) throws ServiceFault {
        if (header == null) {
            throw new ServiceFault("isthmusHeader missing", ServiceFaults.info(FaultCode.VALIDATION,
                    "every call needs the isthmusHeader SOAP header with correlationId and requesterId", null));
        }
        return new Requester(header.getRequesterId(), header.getCorrelationId());
    }
}
