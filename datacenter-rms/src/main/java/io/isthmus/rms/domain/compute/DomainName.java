package io.isthmus.rms.domain.compute;

import io.isthmus.rms.domain.reservation.NodeName;
import io.isthmus.rms.domain.reservation.ReservationId;
import io.isthmus.rms.domain.site.InvalidRequestException;
import java.util.regex.Pattern;

/** A libvirt domain name of an L1 VM: {@code isthmus-<first 8 hex digits of the reservation>-<node>}. */
public record DomainName(String value) {

    private static final Pattern DOMAIN = Pattern.compile("isthmus-[0-9a-f]{8}-[a-z][a-z0-9-]{0,30}");

    public DomainName {
        if (value == null || !DOMAIN.matcher(value).matches()) {
            throw new InvalidRequestException("domainName", "libvirt domain name '" + value
                    + "' does not match isthmus-<8 hex digits>-<node name>");
        }
    }

    public static DomainName of(ReservationId reservation, NodeName node) {
        return new DomainName("isthmus-" + reservation.shortForm() + "-" + node.value());
    }

    @Override
    public String toString() {
        return value;
    }
}
