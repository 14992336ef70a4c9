package io.isthmus.gateway.domain.tunnel;

import io.isthmus.gateway.domain.shared.InvalidRequestException;
import java.util.regex.Pattern;

/** A named Linux network namespace (as listed by {@code ip netns}) the gateway's commands run in. */
public record NetworkNamespace(String value) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");

    public NetworkNamespace {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new InvalidRequestException("network namespace name '" + value
                    + "' must be 1..63 characters of letters, digits, '_', '.', '-' (not starting with '.', '_' or '-')");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
