package io.isthmus.rms.domain.qos;

import java.util.regex.Pattern;

/** The host-side port of one VM interface, named by its Linux interface name (at most 15 characters). */
public record VifId(String value) implements Comparable<VifId> {

    /** Letters, digits, '_', '.', '-'; 1..15 characters; no leading '-' and not "." or "..". */
    public static final Pattern LINUX_NAME = Pattern.compile("[A-Za-z0-9_.][A-Za-z0-9_.-]{0,14}");

    public VifId {
        if (value == null || !LINUX_NAME.matcher(value).matches() || value.equals(".") || value.equals("..")) {
            throw new IllegalArgumentException("interface id '" + value + "' is not a Linux interface name: use 1 to"
                    + " 15 letters, digits, '_', '.' or '-', not starting with '-'");
        }
    }

    @Override
    public int compareTo(VifId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
