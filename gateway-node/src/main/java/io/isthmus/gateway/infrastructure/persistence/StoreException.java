package io.isthmus.gateway.infrastructure.persistence;

/** The gateway's database failed; the cause carries the SQL error. */
public class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
