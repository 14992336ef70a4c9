package io.isthmus.rms.interfaces.soap;

import io.isthmus.rms.domain.compute.ComputeException;
import io.isthmus.rms.domain.compute.GuestNotReadyException;
import io.isthmus.rms.domain.placement.InsufficientCapacityException;
import io.isthmus.rms.domain.qos.QosException;
import io.isthmus.rms.domain.reservation.BookingStoreException;
import io.isthmus.rms.domain.reservation.NodeNotFoundException;
import io.isthmus.rms.domain.reservation.ReservationConflictException;
import io.isthmus.rms.domain.reservation.ReservationNotFoundException;
import io.isthmus.rms.domain.segment.SegmentException;
import io.isthmus.rms.domain.site.InvalidRequestException;
import io.isthmus.rms.domain.site.SiteException;
import io.isthmus.schema.v1.FaultCode;
import io.isthmus.schema.v1.FaultDetail;
import io.isthmus.schema.v1.ServiceFaultInfo;
import io.isthmus.wsdl.site.ServiceFault;
import io.isthmus.wsdl.support.ServiceFaults;

/** Turns domain exceptions into the typed {@code serviceFault} of the contract, keeping the cause. */
final class FaultMapper {

    private FaultMapper() {
    }

    static ServiceFault fault(SiteException e, String reservationId) {
        ServiceFaultInfo info = ServiceFaults.info(code(e), e.getMessage(), reservationId);
        if (e instanceof InvalidRequestException invalid) {
            FaultDetail detail = new FaultDetail();
            detail.setField(invalid.field());
            detail.setValue(invalid.getMessage());
            info.getDetail().add(detail);
        }
        return new ServiceFault(e.getMessage(), info, e);
    }

    static ServiceFault internal(RuntimeException e, String reservationId, String correlationId) {
        String message = "the site failed unexpectedly (" + e.getClass().getSimpleName() + "); the operator can find"
                + " correlation id " + correlationId + " in the RMS log";
        return new ServiceFault(message, ServiceFaults.info(FaultCode.INTERNAL, message, reservationId), e);
    }

    static ServiceFault missingHeader() {
        String message = "every SiteRmsService call needs an isthmusHeader with correlationId and requesterId";
        return new ServiceFault(message, ServiceFaults.info(FaultCode.VALIDATION, message, null));
    }

    private static FaultCode code(SiteException e) {
        if (e instanceof InvalidRequestException) {
            return FaultCode.VALIDATION;
        }
        if (e instanceof InsufficientCapacityException) {
            return FaultCode.CAPACITY;
        }
        if (e instanceof ReservationNotFoundException || e instanceof NodeNotFoundException) {
            return FaultCode.NOT_FOUND;
        }
        if (e instanceof ReservationConflictException) {
            return FaultCode.CONFLICT;
        }
        if (e instanceof ComputeException || e instanceof GuestNotReadyException || e instanceof BookingStoreException || e instanceof SegmentException
                || e instanceof QosException) {
            return FaultCode.UNAVAILABLE;
        }
        return FaultCode.INTERNAL;
    }
}
