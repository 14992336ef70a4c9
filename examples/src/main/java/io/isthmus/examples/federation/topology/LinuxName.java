package io.isthmus.examples.federation.topology;

import java.util.regex.Pattern;

/** A validated Linux interface or network-namespace name, safe to pass to iproute2. */
public record LinuxName(String value) {

    private static final Pattern INTERFACE = Pattern.compile("[a-z][a-z0-9-]{0,14}");

    public LinuxName {
        if (value == null || !INTERFACE.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a usable interface or namespace name: "
                    + "use a lowercase letter, then lowercase letters, digits or '-', at most 15 characters");
        }
    }

    public static LinuxName of(String value) {
        return new LinuxName(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
