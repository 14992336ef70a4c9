package io.isthmus.gateway.interfaces.soap;

import io.isthmus.gateway.domain.shared.ConflictException;
import io.isthmus.gateway.domain.shared.GatewayException;
import io.isthmus.gateway.domain.shared.InvalidRequestException;
import io.isthmus.gateway.domain.shared.NotFoundException;
import io.isthmus.gateway.domain.shared.UnavailableException;
import io.isthmus.schema.v1.FaultCode;
import io.isthmus.wsdl.gateway.ServiceFault;
import io.isthmus.wsdl.support.ServiceFaults;

/** Turns domain exceptions into the typed {@link ServiceFault} of the GatewayService contract. */
final class FaultMapper {

    private static final System.Logger LOG = System.getLogger(FaultMapper.class.getName());

    private FaultMapper() {
    }

    /** Runs one operation, translating what it throws. */
    static <T> T call(String reservationId, Operation<T> operation) throws ServiceFault {
        try {
            return operation.run();
        } catch (GatewayException e) {
            throw fault(code(e), e.getMessage(), reservationId, e);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "gateway operation for reservation " + reservationId + " failed", e);
            throw fault(FaultCode.INTERNAL, "the gateway failed unexpectedly (" + e.getMessage()
                    + "); see its log and retry", reservationId, e);
        }
    }

    static FaultCode code(GatewayException e) {
        if (e instanceof InvalidRequestException) {
            return FaultCode.VALIDATION;
        }
        if (e instanceof ConflictException) {
            return FaultCode.CONFLICT;
        }
        if (e instanceof NotFoundException) {
            return FaultCode.NOT_FOUND;
        }
        if (e instanceof UnavailableException) {
            return FaultCode.UNAVAILABLE;
        }
        return FaultCode.INTERNAL;
    }

    private static ServiceFault fault(FaultCode code, String message, String reservationId, Throwable cause) {
        return new ServiceFault(code + ": " + message, ServiceFaults.info(code, message, reservationId), cause);
    }

    @FunctionalInterface
    interface Operation<T> {
        T run();
    }
}
