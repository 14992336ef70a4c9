package io.isthmus.broker.infrastructure.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How the broker recovers (docs/recovery.md): {@code isthmus.participant.teardownGrace.seconds} (how long after a
 * window's end every site and gateway has torn a reservation down on its own; at most their own
 * {@code site.teardown.graceSeconds} / {@code gateway.teardown.graceSeconds}, default 60),
 * {@code isthmus.instance.lease.seconds} (a broker instance that has not renewed its lease for this long is taken
 * for dead and another finishes its work, default 15) and {@code isthmus.recovery.threads} (how many reservations
 * one broker recovers at once, default 8).
 */
@ApplicationScoped
public class RecoverySettings {
    private final Duration participantTeardownGrace;
    private final Duration instanceLease;
    private final int recoveryThreads;

    @Inject
    public RecoverySettings(
            @ConfigProperty(name = "isthmus.participant.teardownGrace.seconds", defaultValue = "60") long graceSeconds,
            @ConfigProperty(name = "isthmus.instance.lease.seconds", defaultValue = "15") long leaseSeconds,
            @ConfigProperty(name = "isthmus.recovery.threads", defaultValue = "8") int threads) {
        this.participantTeardownGrace = BrokerSettings.positive("isthmus.participant.teardownGrace.seconds",
                graceSeconds);
        this.instanceLease = BrokerSettings.positive("isthmus.instance.lease.seconds", leaseSeconds);
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException("isthmus.recovery.threads must be between 1 and 64, not " + threads);
        }
        this.recoveryThreads = threads;
    }

    protected RecoverySettings() {
        this(60, 15, 8);
    }

    public Duration participantTeardownGrace() {
        return participantTeardownGrace;
    }

    public Duration instanceLease() {
        return instanceLease;
    }

    public int recoveryThreads() {
        return recoveryThreads;
    }
}
