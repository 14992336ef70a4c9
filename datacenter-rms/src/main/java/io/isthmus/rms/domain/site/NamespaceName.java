package io.isthmus.rms.domain.site;

import java.util.regex.Pattern;

/**
 * A network namespace name as {@code ip netns} accepts it: 1..64 of letters, digits, '_', '.', '-'.
 * Emulated hosts and VM stand-ins each live in one; drivers given one run their commands inside it.
 */
public record NamespaceName(String value) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}");

    public NamespaceName {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new IllegalArgumentException("network namespace '" + value + "' is not a valid name: use 1 to 64"
                    + " letters, digits, '_', '.' or '-', starting with a letter, digit or '_'");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
