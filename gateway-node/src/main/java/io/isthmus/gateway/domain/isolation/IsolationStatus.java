package io.isthmus.gateway.domain.isolation;

import java.util.Objects;
import java.util.Optional;

/** Whether the isolation rules are in force at this gateway, and if not, why (said at start and in status). */
public record IsolationStatus(boolean active, Optional<String> reason) {

    public IsolationStatus {
        Objects.requireNonNull(reason, "reason");
        if (active == reason.isPresent()) {
            throw new IllegalArgumentException("an active isolation has no reason, an unavailable one needs one");
        }
    }

    public static IsolationStatus inForce() {
        return new IsolationStatus(true, Optional.empty());
    }

    public static IsolationStatus unavailable(String reason) {
        return new IsolationStatus(false, Optional.of(reason));
    }

    /** One line for logs: "active" or "UNAVAILABLE: why". */
    public String describe() {
        return active ? "active" : "UNAVAILABLE: " + reason.orElseThrow();
    }
}
