package io.isthmus.broker.interfaces.soap;

import io.isthmus.broker.domain.reservation.BrokerException;
import io.isthmus.schema.v1.FaultCode;
import io.isthmus.wsdl.broker.ServiceFault;
import io.isthmus.wsdl.support.ServiceFaults;

/** Builds the BrokerService's typed fault from a domain failure or a validation problem. */
final class Faults {
    private Faults() {
    }

    static ServiceFault from(BrokerException e) {
        return new ServiceFault(e.getMessage(), ServiceFaults.info(FaultCode.valueOf(e.kind().name()), e.getMessage(), null, e.details()), e);
    }
}
