package io.isthmus.broker.domain.reservation;

import java.util.EnumSet;
import java.util.Set;

/** The lifecycle state machine: {@code Created → Terminating → Terminated}, {@code PassedEndTime}, {@code Failed}. */
public enum LifecycleState {
    Created, Terminating, Terminated, PassedEndTime, Failed;

    public Set<LifecycleState> next() {
        return switch (this) {
            case Created -> EnumSet.of(Terminating, PassedEndTime, Failed);
            case Terminating -> EnumSet.of(Terminated);
            case PassedEndTime, Failed -> EnumSet.of(Terminating);
            case Terminated -> EnumSet.noneOf(LifecycleState.class);
        };
    }

    public boolean canMoveTo(LifecycleState target) {
        return next().contains(target);
    }

    /** Whether the reservation still holds or may use resources somewhere. */
    public boolean isLive() {
        return this == Created || this == Failed;
    }
}
