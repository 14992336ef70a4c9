package io.isthmus.rms.infrastructure.standin;

import io.isthmus.rms.domain.site.InvalidRequestException;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/** The stand-in of one L1 VM: its id (from the domain UUID) and its NICs, each index at most once. */
public record VmStandIn(StandInId id, List<StandInNic> nics) {

    public VmStandIn {
        Objects.requireNonNull(id, "id");
        nics = List.copyOf(nics);
        Set<Integer> seen = new HashSet<>();
        for (StandInNic nic : nics) {
            if (!seen.add(nic.index())) {
                throw new InvalidRequestException("nic", "stand-in " + id + " has NIC index " + nic.index()
                        + " twice; give each NIC of the domain its own index");
            }
        }
    }

    public static VmStandIn of(UUID domainUuid, List<StandInNic> nics) {
        return new VmStandIn(StandInId.of(domainUuid), nics);
    }
}
