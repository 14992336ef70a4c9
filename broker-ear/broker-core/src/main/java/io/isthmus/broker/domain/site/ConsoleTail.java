package io.isthmus.broker.domain.site;

import java.util.Objects;

/**
 * The end of an L1 node's serial console log as its site answered it: XML 1.0-safe text, and whether it goes on
 * before.
 */
public record ConsoleTail(String log, boolean truncated) {

    public ConsoleTail {
        Objects.requireNonNull(log, "log");
    }
}
