package io.isthmus.broker.domain.reservation;

import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/** The broker-assigned id of a reservation (the NSI connection id): a lowercase UUID. */
public record ReservationId(String value) {
    private static final Pattern UUID_FORM =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    public ReservationId {
        Objects.requireNonNull(value, "reservation id");
        if (!UUID_FORM.matcher(value).matches()) {
            String shown = value.length() <= 64 ? value : value.substring(0, 64) + "... (" + value.length() + " characters)";
            throw new ValidationException("reservationId '" + shown + "' is not a lowercase UUID");
        }
    }

    public static ReservationId random() {
        return new ReservationId(UUID.randomUUID().toString());
    }

    /** A short form for names on hosts (libvirt domains, logs). */
    public String shortForm() {
        return value.substring(0, 8);
    }

    @Override
    public String toString() {
        return value;
    }
}
