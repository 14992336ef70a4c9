package io.isthmus.broker.domain.placement;

import io.isthmus.broker.domain.reservation.BrokerException;
import io.isthmus.broker.domain.reservation.FaultKind;

/** No placement honours the request's demands and constraints over its window. */
public class PlacementRefusedException extends BrokerException {
    public PlacementRefusedException(String message) {
        super(FaultKind.CAPACITY, message);
    }
}
