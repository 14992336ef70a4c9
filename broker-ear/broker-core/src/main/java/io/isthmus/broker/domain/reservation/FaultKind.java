package io.isthmus.broker.domain.reservation;

/** The kinds of failure a caller can act on; each maps to a typed fault at the edge. */
public enum FaultKind {
    VALIDATION, CAPACITY, NOT_FOUND, CONFLICT, UNAUTHORIZED, UNAVAILABLE, INTERNAL
}
