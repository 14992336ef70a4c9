package io.isthmus.broker.domain.reservation;

import java.util.List;

/** The request is malformed or inconsistent; the details say what to fix. */
public class ValidationException extends BrokerException {
    public ValidationException(String message) {
        super(FaultKind.VALIDATION, message);
    }

    public ValidationException(String message, List<String> details) {
        super(FaultKind.VALIDATION, message, details, null);
    }
}
