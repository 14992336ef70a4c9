package io.isthmus.gateway.domain.isolation;

/**
 * Keeps tenant segments away from this gateway's control plane. Rules are applied at start (replacing any left
 * from before, atomically) and stay while segments exist; a gateway where they cannot be applied still runs, and
 * says so.
 */
public interface SegmentIsolation {

    /** Installs (or replaces) the rules; never throws for an unavailable mechanism, it reports it. */
    IsolationStatus apply();

    /** Removes the rules; rules already gone are fine. */
    void remove();

    /** The outcome of the last {@link #apply()} (unavailable, "not applied yet", before the first). */
    IsolationStatus status();
}
