package io.isthmus.broker.domain.reservation;

/** A request that the reservation's current state does not allow; maps to a CONFLICT fault. */
public class IllegalTransitionException extends BrokerException {
    public IllegalTransitionException(String message) {
        super(FaultKind.CONFLICT, message);
    }
}
