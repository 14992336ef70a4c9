package io.isthmus.broker.domain.reservation;

import java.util.EnumSet;
import java.util.Set;

/** The provision state machine: {@code Released ⇄ Provisioning → Provisioned ⇄ Releasing}. */
public enum ProvisionState {
    Released, Provisioning, Provisioned, Releasing;

    public Set<ProvisionState> next() {
        return switch (this) {
            case Released -> EnumSet.of(Provisioning);
            case Provisioning -> EnumSet.of(Provisioned, Released);
            case Provisioned -> EnumSet.of(Releasing);
            case Releasing -> EnumSet.of(Released, Provisioned);
        };
    }

    public boolean canMoveTo(ProvisionState target) {
        return next().contains(target);
    }
}
