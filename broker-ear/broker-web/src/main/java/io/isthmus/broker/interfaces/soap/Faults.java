package io.isthmus.broker.interfaces.soap;

import io.isthmus.broker.domain.reservation.BrokerException;
import io.isthmus.schema.v1.FaultCode;
import io.isthmus.schema.v1.FaultDetail;
import io.isthmus.schema.v1.ServiceFaultInfo;
import io.isthmus.wsdl.broker.ServiceFault;
import java.util.List;

/** Builds the BrokerService's typed fault from a domain failure or a validation problem. */
final class Faults {
    private Faults() {
    }

    static ServiceFault from(BrokerException e) {
        return new ServiceFault(e.getMessage(), info(FaultCode.valueOf(e.kind().name()), e.getMessage(), e.details()), e);
    }

    static ServiceFaultInfo info(FaultCode code, String message, List<String> details) {
        ServiceFaultInfo info = new ServiceFaultInfo();
        info.setCode(code);
        info.setMessage(message);
        for (String d : details) {
            FaultDetail detail = new FaultDetail();
            int colon = d.indexOf(": ");
            if (colon > 0 && !d.substring(0, colon).contains(" ")) {
                detail.setField(d.substring(0, colon));
                detail.setValue(d.substring(colon + 2));
            } else {
                detail.setValue(d);
            }
            info.getDetail().add(detail);
        }
        return info;
    }
}
