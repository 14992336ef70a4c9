package io.isthmus.broker.domain.site;

import io.isthmus.broker.domain.reservation.ReservationId;

/** What every call to a site or gateway carries: the reservation, the 2PC transaction and the caller's correlation id. */
public record TxContext(ReservationId reservationId, String transactionId, String correlationId, String requesterId) {
}
