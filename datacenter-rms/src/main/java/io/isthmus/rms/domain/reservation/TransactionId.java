package io.isthmus.rms.domain.reservation;

import io.isthmus.rms.domain.site.InvalidRequestException;

/** One two-phase-commit transaction of the broker: a lowercase UUID. */
public record TransactionId(String value) {

    public TransactionId {
        if (value == null || !ReservationId.UUID.matcher(value).matches()) {
            throw new InvalidRequestException("transactionId", "transaction id '" + value
                    + "' is not a lowercase UUID such as 3f2c1a9e-0b7d-4c61-9f1e-2a6d8c4b5e70");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
