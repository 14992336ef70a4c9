package io.isthmus.broker.domain.reservation;

import java.util.EnumSet;
import java.util.Set;

/** The reservation state machine of OGF NSI CS 2.0 (DESIGN.md §4). */
public enum ReservationState {
    ReserveStart, ReserveChecking, ReserveHeld, ReserveCommitting, ReserveFailed, ReserveTimeout, ReserveAborting;

    /** The states this state may move to. */
    public Set<ReservationState> next() {
        return switch (this) {
            case ReserveStart -> EnumSet.of(ReserveChecking);
            case ReserveChecking -> EnumSet.of(ReserveHeld, ReserveFailed, ReserveAborting);
            case ReserveHeld -> EnumSet.of(ReserveCommitting, ReserveAborting, ReserveTimeout);
            // A commit that a participant can no longer honour (its hold lapsed) is rolled back everywhere.
            case ReserveCommitting -> EnumSet.of(ReserveStart, ReserveAborting);
            case ReserveAborting -> EnumSet.of(ReserveStart, ReserveFailed);
            case ReserveFailed, ReserveTimeout -> EnumSet.of(ReserveAborting);
        };
    }

    public boolean canMoveTo(ReservationState target) {
        return next().contains(target);
    }
}
