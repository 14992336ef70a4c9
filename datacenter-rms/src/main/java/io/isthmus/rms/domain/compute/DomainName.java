package io.isthmus.rms.domain.compute;

import io.isthmus.rms.domain.reservation.NodeName;
import io.isthmus.rms.domain.reservation.ReservationId;
import io.isthmus.rms.domain.site.InvalidRequestException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A libvirt domain name of an L1 VM: {@code isthmus-<reservation id>-<node>}, with the whole reservation UUID so
 * that two reservations never share a domain (a prefix could collide and adopt another reservation's domain).
 * At most 8 + 36 + 1 + 31 = 76 characters.
 */
public record DomainName(String value) {

    public static final String PREFIX = "isthmus-";
    private static final Pattern DOMAIN = Pattern.compile(Pattern.quote(PREFIX)
            + "([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})-([a-z][a-z0-9-]{0,30})");

    public DomainName {
        if (value == null || !DOMAIN.matcher(value).matches()) {
            throw new InvalidRequestException("domainName", "libvirt domain name '" + value
                    + "' does not match isthmus-<reservation UUID>-<node name>");
        }
    }

    public static DomainName of(ReservationId reservation, NodeName node) {
        return new DomainName(PREFIX + reservation.value() + "-" + node.value());
    }

    /** The domain of an L1 VM named {@code name}, or empty for any other libvirt domain (not ours to touch). */
    public static Optional<DomainName> parse(String name) {
        return name != null && DOMAIN.matcher(name).matches() ? Optional.of(new DomainName(name)) : Optional.empty();
    }

    /** The reservation this domain belongs to. */
    public ReservationId reservation() {
        return new ReservationId(group(1));
    }

    /** The node this domain realises. */
    public NodeName node() {
        return new NodeName(group(2));
    }

    private String group(int index) {
        Matcher m = DOMAIN.matcher(value);
        if (!m.matches()) {
            throw new IllegalStateException("checked at construction: " + value);
        }
        return m.group(index);
    }

    @Override
    public String toString() {
        return value;
    }
}
