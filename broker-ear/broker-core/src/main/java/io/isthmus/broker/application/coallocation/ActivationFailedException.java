package io.isthmus.broker.application.coallocation;

import io.isthmus.broker.domain.reservation.BrokerException;
import java.util.List;

/** Starting a reservation's data plane failed; what was undone, and what could not be. */
public class ActivationFailedException extends BrokerException {
    private final transient List<StepFailure> undoFailures;

    ActivationFailedException(BrokerException cause, List<StepFailure> undoFailures) {
        super(cause.kind(), cause.getMessage() + (undoFailures.isEmpty() ? "; undone at every participant"
                : "; undoing it failed too: " + String.join("; ", undoFailures.stream().map(StepFailure::describe)
                        .toList())), cause);
        this.undoFailures = List.copyOf(undoFailures);
    }

    /** Whether every participant took back what the failed activation had started. */
    public boolean undone() {
        return undoFailures.isEmpty();
    }
}
