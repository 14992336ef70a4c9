package io.isthmus.gateway.interfaces.soap;

import io.isthmus.gateway.application.stitch.StitchService;
import io.isthmus.gateway.domain.shared.ReservationId;
import io.isthmus.gateway.domain.shared.TransactionId;
import io.isthmus.schema.gateway.v1.GatewayResult;
import io.isthmus.schema.gateway.v1.Prepare;
import io.isthmus.schema.gateway.v1.Status;
import io.isthmus.schema.gateway.v1.StatusResponse;
import io.isthmus.schema.gateway.v1.Stitch;
import io.isthmus.schema.v1.IsthmusHeader;
import io.isthmus.schema.v1.ReservationTx;
import io.isthmus.wsdl.gateway.GatewayServicePort;
import io.isthmus.wsdl.gateway.ServiceFault;
import jakarta.jws.HandlerChain;
import jakarta.jws.WebService;
import java.util.List;
import java.util.Optional;

/** The GatewayService SOAP edge: validates against the contract's schema, maps, delegates, maps faults. */
@WebService(endpointInterface = "io.isthmus.wsdl.gateway.GatewayServicePort",
        targetNamespace = "urn:isthmus:gateway:v1:wsdl", serviceName = "GatewayService",
        portName = "GatewayServicePort", wsdlLocation = "wsdl/GatewayService.wsdl")
@HandlerChain(file = "handlers.xml")
public class GatewaySoapEndpoint implements GatewayServicePort {

    private final StitchService service;
    private final SoapMapper mapper;

    public GatewaySoapEndpoint(StitchService service) {
        this.service = service;
        this.mapper = new SoapMapper(service::interfacesOf);
    }

    @Override
    public GatewayResult prepare(Prepare p, IsthmusHeader header) throws ServiceFault {
        return FaultMapper.call(p.getReservationId(), () -> mapper.result(List.of(service.prepare(
                new ReservationId(p.getReservationId()), new TransactionId(p.getTransactionId()),
                SoapMapper.window(p.getWindow()), SoapMapper.instant(p.getHoldExpires(), "holdExpires"),
                SoapMapper.specs(p.getStitch())))));
    }

    @Override
    public GatewayResult commit(ReservationTx tx, IsthmusHeader header) throws ServiceFault {
        return FaultMapper.call(tx.getReservationId(),
                () -> mapper.result(List.of(service.commit(reservation(tx), transaction(tx)))));
    }

    @Override
    public GatewayResult abort(ReservationTx tx, IsthmusHeader header) throws ServiceFault {
        return FaultMapper.call(tx.getReservationId(), () -> {
            service.abort(reservation(tx), transaction(tx));
            return mapper.result(List.of());
        });
    }

    @Override
    public GatewayResult stitch(Stitch tx, IsthmusHeader header) throws ServiceFault {
        return FaultMapper.call(tx.getReservationId(), () -> mapper.result(List.of(service.stitch(reservation(tx),
                transaction(tx), SoapMapper.peerEndpoints(tx.getPeerEndpoint())))));
    }

    @Override
    public GatewayResult unstitch(ReservationTx tx, IsthmusHeader header) throws ServiceFault {
        return FaultMapper.call(tx.getReservationId(),
                () -> mapper.result(service.unstitch(reservation(tx), transaction(tx)).stream().toList()));
    }

    @Override
    public StatusResponse status(Status request, IsthmusHeader header) throws ServiceFault {
        String id = request == null ? null : request.getReservationId();
        return FaultMapper.call(id, () -> mapper.status(
                service.status(Optional.ofNullable(id).map(ReservationId::new))));
    }

    private static ReservationId reservation(ReservationTx tx) {
        return new ReservationId(tx.getReservationId());
    }

    private static TransactionId transaction(ReservationTx tx) {
        return new TransactionId(tx.getTransactionId());
    }
}
