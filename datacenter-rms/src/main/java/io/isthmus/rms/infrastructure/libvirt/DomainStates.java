package io.isthmus.rms.infrastructure.libvirt;

import io.isthmus.rms.domain.compute.DomainRunState;
import org.libvirt.DomainInfo;

/** Maps libvirt's domain states to ours. */
final class DomainStates {

    private DomainStates() {
    }

    static DomainRunState of(DomainInfo.DomainState state) {
        return switch (state) {
            case VIR_DOMAIN_RUNNING, VIR_DOMAIN_BLOCKED -> DomainRunState.RUNNING;
            case VIR_DOMAIN_PAUSED -> DomainRunState.PAUSED;
            case VIR_DOMAIN_SHUTDOWN, VIR_DOMAIN_SHUTOFF -> DomainRunState.SHUTOFF;
            case VIR_DOMAIN_CRASHED -> DomainRunState.CRASHED;
            default -> DomainRunState.DEFINED;
        };
    }
}
