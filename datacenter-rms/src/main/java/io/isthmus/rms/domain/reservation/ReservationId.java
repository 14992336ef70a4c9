package io.isthmus.rms.domain.reservation;

import io.isthmus.rms.domain.site.InvalidRequestException;
import java.util.regex.Pattern;

/** The broker-assigned reservation id: a lowercase UUID. */
public record ReservationId(String value) {

    static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    public ReservationId {
        if (value == null || !UUID.matcher(value).matches()) {
            throw new InvalidRequestException("reservationId", "reservation id '" + value
                    + "' is not a lowercase UUID such as 3f2c1a9e-0b7d-4c61-9f1e-2a6d8c4b5e70");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
