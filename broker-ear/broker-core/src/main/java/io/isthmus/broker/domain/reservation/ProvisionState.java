package io.isthmus.broker.domain.reservation;

import java.util.EnumSet;
import java.util.Set;

/**
 * The provision state machine: {@code Released ⇄ Provisioning → Provisioned ⇄ Releasing}, and
 * {@code Provisioning → Releasing} for a provision that failed part-way and whose undo did not finish.
 */
public enum ProvisionState {
    Released, Provisioning, Provisioned, Releasing;

    public Set<ProvisionState> next() {
        return switch (this) {
            case Released -> EnumSet.of(Provisioning);
            // a provision that failed part-way and could not be undone everywhere is released until it is
            case Provisioning -> EnumSet.of(Provisioned, Released, Releasing);
            case Provisioned -> EnumSet.of(Releasing);
            case Releasing -> EnumSet.of(Released, Provisioned);
        };
    }

    public boolean canMoveTo(ProvisionState target) {
        return next().contains(target);
    }
}
