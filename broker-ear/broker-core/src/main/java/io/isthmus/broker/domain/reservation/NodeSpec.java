package io.isthmus.broker.domain.reservation;

import java.util.List;

/** A requested L1 node. */
public record NodeSpec(String name, int vcpus, int memoryMib, int diskGib, String image, boolean nested,
                       List<NicSpec> nics) {
    public NodeSpec {
        nics = List.copyOf(nics);
    }
}
