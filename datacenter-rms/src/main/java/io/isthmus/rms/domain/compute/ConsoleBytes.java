package io.isthmus.rms.domain.compute;

import io.isthmus.rms.domain.site.InvalidRequestException;

/** How much of the end of a VM's serial console log to read: 1 byte to 1 MiB, {@link #DEFAULT} when not asked. */
public record ConsoleBytes(int value) {

    public static final int MAX = 1_048_576;
    private static final int DEFAULT_VALUE = 16_384;
    public static final ConsoleBytes DEFAULT = new ConsoleBytes(DEFAULT_VALUE);

    public ConsoleBytes {
        if (value < 1 || value > MAX) {
            throw new InvalidRequestException("maxBytes", "maxBytes " + value + " is out of range: ask for 1 to "
                    + MAX + " bytes of the console log, or leave it out for " + DEFAULT_VALUE);
        }
    }

    @Override
    public String toString() {
        return value + " bytes";
    }
}
