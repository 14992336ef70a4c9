package io.isthmus.gateway.domain.shared;

/** The broker's reservation id (a lowercase UUID). */
public record ReservationId(String value) {

    public ReservationId {
        Uuids.require(value, "reservation id");
    }

    @Override
    public String toString() {
        return value;
    }
}
