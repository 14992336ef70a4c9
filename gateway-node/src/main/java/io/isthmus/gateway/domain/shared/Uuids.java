package io.isthmus.gateway.domain.shared;

import java.util.regex.Pattern;

/** The lowercase UUID form every Isthmus id uses on the wire. */
final class Uuids {

    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private Uuids() {
    }

    static String require(String value, String what) {
        if (value == null || !UUID.matcher(value).matches()) {
            throw new InvalidRequestException(what + " '" + value + "' is not a lowercase UUID "
                    + "(e.g. 3f2a1c4e-0b7d-4e8f-9a61-2c5d7e9f1a3b)");
        }
        return value;
    }
}
