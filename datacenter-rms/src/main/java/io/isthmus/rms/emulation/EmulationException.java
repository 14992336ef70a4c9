package io.isthmus.rms.emulation;

/** An emulated host could not be set up or started; the message says what is missing or what to run. */
public final class EmulationException extends RuntimeException {

    public EmulationException(String message) {
        super(message);
    }

    public EmulationException(String message, Throwable cause) {
        super(message, cause);
    }
}
