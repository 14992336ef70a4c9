package io.isthmus.broker.domain.placement.bench;

import io.isthmus.broker.domain.placement.Substrate;
import io.isthmus.broker.domain.reservation.VirtualInfrastructureSpec;

/** One generated placement problem: a request and the substrate to place it on, named by how it was made. */
public record Instance(String name, VirtualInfrastructureSpec vi, Substrate substrate) {
}
