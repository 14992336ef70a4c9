package io.isthmus.rms;

/** A configuration key is missing or holds a bad value; the message names the key and what is expected. */
public final class InvalidConfigException extends RuntimeException {

    private final String key;

    public InvalidConfigException(String key, String message) {
        super(message);
        this.key = key;
    }

    public InvalidConfigException(String key, String message, Throwable cause) {
        super(message, cause);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
