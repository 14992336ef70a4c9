package io.isthmus.rms.interfaces.soap;

import io.isthmus.rms.application.reservation.ConsoleService;
import io.isthmus.rms.application.reservation.HoldService;
import io.isthmus.rms.application.reservation.LifecycleService;
import io.isthmus.rms.application.reservation.StatusService;
import io.isthmus.rms.application.site.CapacityService;
import io.isthmus.rms.domain.reservation.ReservationId;
import io.isthmus.rms.domain.site.SiteException;
import io.isthmus.rms.domain.site.SiteId;
import io.isthmus.schema.site.v1.Capacity;
import io.isthmus.schema.site.v1.CapacityResponse;
import io.isthmus.schema.site.v1.ConsoleLog;
import io.isthmus.schema.site.v1.ConsoleLogResponse;
import io.isthmus.schema.site.v1.Prepare;
import io.isthmus.schema.site.v1.SiteResult;
import io.isthmus.schema.site.v1.Status;
import io.isthmus.schema.site.v1.StatusResponse;
import io.isthmus.schema.v1.IsthmusHeader;
import io.isthmus.schema.v1.ReservationTx;
import io.isthmus.wsdl.site.ServiceFault;
import io.isthmus.wsdl.site.SiteRmsServicePort;
import jakarta.jws.HandlerChain;
import jakarta.jws.WebService;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** The SiteRmsService SOAP edge: validates the header, delegates to the use cases, maps faults. */
@WebService(endpointInterface = "io.isthmus.wsdl.site.SiteRmsServicePort", serviceName = "SiteRmsService",
        portName = "SiteRmsServicePort", targetNamespace = "urn:isthmus:site:v1:wsdl",
        wsdlLocation = "wsdl/SiteRmsService.wsdl")
@HandlerChain(file = "handlers.xml")
public class SiteRmsEndpoint implements SiteRmsServicePort {

    private static final Logger LOG = System.getLogger(SiteRmsEndpoint.class.getName());

    private final SiteId site;
    private final CapacityService capacity;
    private final HoldService holds;
    private final LifecycleService lifecycle;
    private final StatusService status;
    private final ConsoleService console;

    public SiteRmsEndpoint(SiteId site, CapacityService capacity, HoldService holds, LifecycleService lifecycle,
            StatusService status, ConsoleService console) {
        this.site = site;
        this.capacity = capacity;
        this.holds = holds;
        this.lifecycle = lifecycle;
        this.status = status;
        this.console = console;
    }

    @Override
    public CapacityResponse capacity(Capacity parameters, IsthmusHeader header) throws ServiceFault {
        return call("capacity", header, null, () -> ResponseMapper.capacity(
                capacity.capacity(parameters == null ? Optional.empty() : RequestMapper.window(parameters.getWindow()))));
    }

    @Override
    public SiteResult prepare(Prepare parameters, IsthmusHeader header) throws ServiceFault {
        return call("prepare", header, idOf(parameters),
                () -> ResponseMapper.result(holds.prepare(RequestMapper.prepare(parameters))));
    }

    @Override
    public SiteResult commit(ReservationTx parameters, IsthmusHeader header) throws ServiceFault {
        return call("commit", header, idOf(parameters), () -> ResponseMapper.result(
                holds.commit(RequestMapper.reservation(parameters), RequestMapper.transaction(parameters))));
    }

    @Override
    public SiteResult abort(ReservationTx parameters, IsthmusHeader header) throws ServiceFault {
        return call("abort", header, idOf(parameters), () -> ResponseMapper.result(
                lifecycle.abort(RequestMapper.reservation(parameters), RequestMapper.transaction(parameters))));
    }

    @Override
    public SiteResult provision(ReservationTx parameters, IsthmusHeader header) throws ServiceFault {
        return call("provision", header, idOf(parameters), () -> ResponseMapper.result(
                lifecycle.provision(RequestMapper.reservation(parameters), RequestMapper.transaction(parameters))));
    }

    @Override
    public SiteResult release(ReservationTx parameters, IsthmusHeader header) throws ServiceFault {
        return call("release", header, idOf(parameters), () -> ResponseMapper.result(
                lifecycle.release(RequestMapper.reservation(parameters), RequestMapper.transaction(parameters))));
    }

    @Override
    public SiteResult terminate(ReservationTx parameters, IsthmusHeader header) throws ServiceFault {
        return call("terminate", header, idOf(parameters), () -> ResponseMapper.result(
                lifecycle.terminate(RequestMapper.reservation(parameters), RequestMapper.transaction(parameters))));
    }

    @Override
    public StatusResponse status(Status parameters, IsthmusHeader header) throws ServiceFault {
        String id = parameters == null ? null : parameters.getReservationId();
        return call("status", header, id, () -> ResponseMapper.statusResponse(site.value(), id == null
                ? status.statusOfAll() : List.of(status.status(new ReservationId(id)))));
    }

    @Override
    public ConsoleLogResponse consoleLog(ConsoleLog parameters, IsthmusHeader header) throws ServiceFault {
        return call("consoleLog", header, idOf(parameters), () -> ResponseMapper.consoleLog(console.console(
                RequestMapper.reservation(parameters), RequestMapper.transaction(parameters),
                RequestMapper.consoleNode(parameters), RequestMapper.consoleBytes(parameters))));
    }

    private static String idOf(ReservationTx tx) {
        return tx == null ? null : tx.getReservationId();
    }

    private <T> T call(String operation, IsthmusHeader header, String reservationId, Supplier<T> work)
            throws ServiceFault {
        if (header == null || header.getCorrelationId() == null || header.getRequesterId() == null) {
            LOG.log(Level.WARNING, "{0} at {1} refused: no isthmusHeader", operation, site);
            throw FaultMapper.missingHeader();
        }
        String correlation = header.getCorrelationId();
        LOG.log(Level.INFO, "correlation {0} from {1}: {2} reservation {3} at {4}", correlation,
                header.getRequesterId(), operation, reservationId == null ? "-" : reservationId, site);
        try {
            return work.get();
        } catch (SiteException e) {
            LOG.log(Level.INFO, "correlation {0}: {1} reservation {2} refused: {3}", correlation, operation,
                    reservationId, e.getMessage());
            throw FaultMapper.fault(e, reservationId);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "correlation " + correlation + ": " + operation + " reservation " + reservationId
                    + " failed unexpectedly", e);
            throw FaultMapper.internal(e, reservationId, correlation);
        }
    }
}
