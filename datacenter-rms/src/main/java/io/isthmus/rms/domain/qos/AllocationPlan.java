package io.isthmus.rms.domain.qos;

import java.util.List;
import java.util.Optional;

/** The allocator's result for one period: one allocation per contract, in contract order. */
public record AllocationPlan(List<Allocation> allocations) {

    public AllocationPlan {
        allocations = List.copyOf(allocations);
    }

    public Optional<Allocation> find(VifId id) {
        return allocations.stream().filter(a -> a.id().equals(id)).findFirst();
    }

    public Bandwidth totalRate() {
        return Bandwidth.ofKbps(allocations.stream().mapToLong(a -> a.rate().kbps()).sum());
    }

    public Bandwidth totalCeil() {
        return Bandwidth.ofKbps(allocations.stream().mapToLong(a -> a.ceil().kbps()).sum());
    }
}
