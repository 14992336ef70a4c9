package io.isthmus.broker.domain.reservation;

import java.util.List;

/** An expected business failure, with the kind a caller can act on and details per field. */
public class BrokerException extends RuntimeException {
    private final FaultKind kind;
    private final List<String> details;

    public BrokerException(FaultKind kind, String message) {
        this(kind, message, List.of(), null);
    }

    public BrokerException(FaultKind kind, String message, Throwable cause) {
        this(kind, message, List.of(), cause);
    }

    public BrokerException(FaultKind kind, String message, List<String> details, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.details = List.copyOf(details);
    }

    public FaultKind kind() {
        return kind;
    }

    /** "field: problem" lines, e.g. "node[2].nic[0].segment: no segment named 'stroage'". */
    public List<String> details() {
        return details;
    }
}
