package io.isthmus.rms.emulation;

/** The test guest image could not be built; the message says what failed and, where known, what to do. */
public class TestImageException extends RuntimeException {

    public TestImageException(String message) {
        super(message);
    }

    public TestImageException(String message, Throwable cause) {
        super(message, cause);
    }
}
