package io.isthmus.rms.infrastructure.command;

/**
 * A command could not be run to completion: it could not be started, was interrupted, outlived its timeout or
 * its output could not be read. A command that ran and exited non-zero is not an exception but a
 * {@link CommandResult}; each driver turns both into its own domain exception.
 */
public final class CommandException extends RuntimeException {

    public CommandException(String message, Throwable cause) {
        super(message, cause);
    }

    public CommandException(String message) {
        super(message);
    }
}
