package io.isthmus.gateway.domain.tunnel;

import io.isthmus.gateway.domain.shared.InvalidRequestException;
import java.util.regex.Pattern;

/**
 * A Linux network interface name that is safe to pass to iproute2: 1..15 characters of [A-Za-z0-9_.-], not
 * starting with '-' or '.'.
 */
public record InterfaceName(String value) {

    public static final int MAX_LENGTH = 15;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,14}");

    public InterfaceName {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new InvalidRequestException("interface name '" + value + "' is not a valid Linux interface name "
                    + "(1.." + MAX_LENGTH + " characters of letters, digits, '_', '.', '-', not starting with '.' or '-')");
        }
    }

    public static boolean isValid(String candidate) {
        return candidate != null && NAME.matcher(candidate).matches();
    }

    public boolean startsWith(String prefix) {
        return value.startsWith(prefix);
    }

    @Override
    public String toString() {
        return value;
    }
}
