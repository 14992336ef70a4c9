package io.isthmus.rms.domain.compute;

/** The state of a libvirt domain as the hypervisor reports it; ABSENT when it is not defined at all. */
public enum DomainRunState {
    ABSENT,
    DEFINED,
    RUNNING,
    PAUSED,
    SHUTOFF,
    CRASHED
}
