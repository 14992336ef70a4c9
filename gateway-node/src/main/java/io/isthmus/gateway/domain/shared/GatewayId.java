package io.isthmus.gateway.domain.shared;

import java.util.regex.Pattern;

/** This gateway's name in the federation: lowercase letter first, then [a-z0-9-], at most 31 characters. */
public record GatewayId(String value) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,30}");

    public GatewayId {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new InvalidRequestException("gateway id '" + value
                    + "' must be a lowercase letter followed by up to 30 of [a-z0-9-] (e.g. gw-req)");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
