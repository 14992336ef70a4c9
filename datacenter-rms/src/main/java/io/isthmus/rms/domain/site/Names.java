package io.isthmus.rms.domain.site;

import java.util.regex.Pattern;

/** The one name pattern of the contract (node, segment, site, host, gateway, tenant names). */
public final class Names {

    /** Lowercase letter first, then lowercase letters, digits or '-', at most 31 characters. */
    public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,30}");

    private Names() {
    }

    /** Returns {@code value} when it is a valid name, otherwise explains the rule for {@code field}. */
    public static String require(String value, String field) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new InvalidRequestException(field, field + " '" + value + "' is not a valid name: use a lowercase"
                    + " letter followed by up to 30 lowercase letters, digits or '-'");
        }
        return value;
    }
}
