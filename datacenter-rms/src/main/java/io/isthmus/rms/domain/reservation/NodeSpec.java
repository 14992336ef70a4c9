package io.isthmus.rms.domain.reservation;

import io.isthmus.rms.domain.site.HostName;
import io.isthmus.rms.domain.site.InvalidRequestException;
import io.isthmus.rms.domain.site.Resources;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** An L1 node the broker asks this site to hold: its size, image, NICs and optionally the host it wants. */
public record NodeSpec(NodeName name, int vcpus, int memoryMib, int diskGib, ImageRef image,
        boolean nestedVirtualization, Optional<HostName> requestedHost, List<NicSpec> nics) {

    public NodeSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(requestedHost, "requestedHost");
        positive(name, "vcpus", vcpus);
        positive(name, "memoryMib", memoryMib);
        positive(name, "diskGib", diskGib);
        nics = List.copyOf(nics);
    }

    private static void positive(NodeName node, String field, int value) {
        if (value <= 0) {
            throw new InvalidRequestException(field, "node " + node + " asks for " + value + " " + field
                    + "; it must be at least 1");
        }
    }

    /**
     * The host capacity this node takes while it is booked, including the bandwidth its NICs' contracts guarantee
     * on the host link (NICs without a contract guarantee nothing).
     */
    public Resources demand() {
        return new Resources(vcpus, memoryMib, diskGib, guaranteedMbps());
    }

    /** The sum of the minimum bandwidth of this node's NICs that carry a contract, in Mbit/s. */
    public long guaranteedMbps() {
        return nics.stream().flatMap(n -> n.qos().stream()).mapToLong(NicQos::minMbps).sum();
    }
}
