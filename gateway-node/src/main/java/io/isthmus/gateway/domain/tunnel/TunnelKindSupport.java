package io.isthmus.gateway.domain.tunnel;

import java.util.Objects;
import java.util.Optional;

/** Whether this gateway can build tunnels of a kind, as probed at start-up, and if not, why. */
public record TunnelKindSupport(TunnelKind kind, boolean available, Optional<String> reason) {

    public TunnelKindSupport {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
        if (!available && reason.isEmpty()) {
            throw new IllegalArgumentException("an unavailable tunnel kind needs a reason");
        }
    }

    public static TunnelKindSupport available(TunnelKind kind) {
        return new TunnelKindSupport(kind, true, Optional.empty());
    }

    public static TunnelKindSupport unavailable(TunnelKind kind, String reason) {
        return new TunnelKindSupport(kind, false, Optional.of(reason));
    }
}
