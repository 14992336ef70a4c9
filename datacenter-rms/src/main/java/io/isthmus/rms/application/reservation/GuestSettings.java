package io.isthmus.rms.application.reservation;

import java.time.Duration;
import java.util.Objects;

/**
 * How the site starts its guests: how long every guest of a provision has to report ready
 * ({@code site.guest.readyTimeout.seconds}), how many guests boot at once on one host ({@code site.guest.bootsPerHost}:
 * a guest holds its slot from its domain's start until it is ready or failed) and
 * how large the translation cache of a TCG guest may grow ({@code site.guest.tcgCacheMib}; 0 leaves QEMU's own
 * default of up to 1 GiB, which a guest fills as it runs more code).
 */
public record GuestSettings(Duration readyTimeout, int bootsPerHost, int tcgCacheMib) {

    public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(120);
    /**
     * As OpenStack Nova's {@code max_concurrent_builds} per compute host. A booting guest keeps a core busy: beyond a
     * host's cores, guests booting at once only slow each other down (measured in docs/benchmarks.md), so a site
     * whose hosts have few cores, or boot TCG guests, sets it lower.
     */
    public static final int DEFAULT_BOOTS_PER_HOST = 10;
    /**
     * A booted test guest has about 60 MiB of translated code; 32 MiB costs it no measurable boot time, and the
     * cache is flushed and refilled when a busier guest needs more. Irrelevant to KVM guests.
     */
    public static final int DEFAULT_TCG_CACHE_MIB = 32;
    public static final GuestSettings DEFAULTS = new GuestSettings(DEFAULT_READY_TIMEOUT, DEFAULT_BOOTS_PER_HOST,
            DEFAULT_TCG_CACHE_MIB);

    public GuestSettings {
        Objects.requireNonNull(readyTimeout, "readyTimeout");
        if (readyTimeout.isNegative() || readyTimeout.isZero() || bootsPerHost < 1) {
            throw new IllegalArgumentException("guest ready timeout " + readyTimeout + " and boots per host "
                    + bootsPerHost + " must be positive");
        }
        if (tcgCacheMib < 0) {
            throw new IllegalArgumentException("a TCG translation cache of " + tcgCacheMib + " MiB is negative");
        }
    }
}
