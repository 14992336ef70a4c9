package io.isthmus.rms.application.reservation;

/**
 * Named points in the middle of a transition, each reached right after the durable write or side effect it
 * names, where a crash test may kill the RMS (see {@code io.isthmus.rms.infrastructure.fault.KillSwitch}).
 * {@link #NONE} when the site is not under a crash test.
 */
public interface FaultPoints {

    /** A site not under a crash test: every point is a no-op. */
    FaultPoints NONE = point -> {
    };

    /** Marks that the RMS has reached {@code point}, e.g. {@code prepare.stored} or {@code provision.started:vm-a}. */
    void reached(String point);
}
