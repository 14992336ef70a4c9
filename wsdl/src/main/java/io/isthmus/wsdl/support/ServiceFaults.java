package io.isthmus.wsdl.support;

import io.isthmus.schema.v1.FaultCode;
import io.isthmus.schema.v1.FaultDetail;
import io.isthmus.schema.v1.ServiceFaultInfo;
import java.util.List;

/** Builds the {@code serviceFault} detail that every Isthmus service answers a refusal with. */
public final class ServiceFaults {
    /** The schema's bound on a fault's details; a longer list ends with a detail saying how many were left out. */
    public static final int MAX_DETAILS = 1024;

    private ServiceFaults() {
    }

    /**
     * @param details "field: problem" lines (e.g. "node[2].nic[0].segment: no segment named 'stroage'"); a line
     *                without a field prefix becomes a detail without a field
     */
    public static ServiceFaultInfo info(FaultCode code, String message, String reservationId, List<String> details) {
        ServiceFaultInfo info = new ServiceFaultInfo();
        info.setCode(code);
        info.setMessage(message);
        info.setReservationId(reservationId);
        List<String> shown = details.size() <= MAX_DETAILS ? details : details.subList(0, MAX_DETAILS - 1);
        for (String d : shown) {
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
        if (shown.size() < details.size()) {
            FaultDetail more = new FaultDetail();
            more.setValue("... and " + (details.size() - shown.size()) + " more problems of the same request");
            info.getDetail().add(more);
        }
        return info;
    }

    public static ServiceFaultInfo info(FaultCode code, String message, String reservationId) {
        return info(code, message, reservationId, List.of());
    }
}
