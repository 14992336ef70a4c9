package io.isthmus.gateway.domain.shared;

/** One two-phase-commit transaction of the broker (a lowercase UUID). */
public record TransactionId(String value) {

    public TransactionId {
        Uuids.require(value, "transaction id");
    }

    @Override
    public String toString() {
        return value;
    }
}
