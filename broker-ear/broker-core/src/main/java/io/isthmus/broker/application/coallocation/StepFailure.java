package io.isthmus.broker.application.coallocation;

import io.isthmus.broker.domain.reservation.BrokerException;
import io.isthmus.broker.domain.reservation.FaultKind;

/** One participant that did not do one step, and why. */
public record StepFailure(String participantId, String endpoint, String step, BrokerException cause) {

    /**
     * The participant answered and will not do it however often it is asked (it holds nothing for this
     * reservation, or holds it for another transaction); otherwise it could not be reached and a retry may work.
     */
    public boolean refused() {
        return cause.kind() != FaultKind.UNAVAILABLE && cause.kind() != FaultKind.INTERNAL;
    }

    public String describe() {
        return step + " at " + participantId + " (" + endpoint + "): " + cause.getMessage();
    }
}
