package io.isthmus.rms.infrastructure.standin;

import io.isthmus.rms.domain.segment.BridgeMembers;
import io.isthmus.rms.domain.site.InvalidRequestException;
import io.isthmus.rms.domain.site.NamespaceName;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names one VM stand-in by the first 8 hex digits of its libvirt domain UUID, and derives every name from it:
 * namespace {@code isvm-<8 hex>} (13 characters), host-side veth end {@code isvp<8 hex><nic index>} (at most
 * 14 of Linux's 15 characters) and VM-side end {@code eth<nic index>} inside the namespace. 8 hex digits give
 * 2^32 ids; two VMs of one site sharing them is the one collision this scheme accepts.
 */
public record StandInId(String value) {

    public static final String NAMESPACE_PREFIX = "isvm-";
    public static final String PORT_PREFIX = "isvp";
    private static final Pattern HEX8 = Pattern.compile("[0-9a-f]{8}");
    private static final Pattern NAMESPACE = Pattern.compile(NAMESPACE_PREFIX + "([0-9a-f]{8})");

    public StandInId {
        if (value == null || !HEX8.matcher(value).matches()) {
            throw new InvalidRequestException("standIn", "stand-in id '" + value
                    + "' is not 8 lowercase hex digits (the start of the domain UUID)");
        }
    }

    public static StandInId of(UUID domainUuid) {
        return new StandInId(domainUuid.toString().substring(0, 8).toLowerCase(Locale.ROOT));
    }

    /** The stand-in whose namespace is {@code name}, or empty when {@code name} is not a stand-in namespace. */
    static Optional<StandInId> fromNamespace(String name) {
        Matcher m = NAMESPACE.matcher(name);
        return m.matches() ? Optional.of(new StandInId(m.group(1))) : Optional.empty();
    }

    public NamespaceName namespace() {
        return new NamespaceName(NAMESPACE_PREFIX + value);
    }

    /** The host-side end of NIC {@code index}, checked against the one pattern segment bridges accept. */
    public String hostPort(int index) {
        String name = PORT_PREFIX + value + StandInNic.requireIndex(index);
        if (!BridgeMembers.STAND_IN_PORT.matcher(name).matches()) {
            throw new InvalidRequestException("standIn", "stand-in port '" + name + "' is not isvp<8 hex><0..99>");
        }
        return name;
    }

    /** Whether {@code linkName} is a host-side end of this stand-in. */
    boolean ownsHostPort(String linkName) {
        return linkName.startsWith(PORT_PREFIX + value) && BridgeMembers.STAND_IN_PORT.matcher(linkName).matches();
    }

    /** The VM-side end of NIC {@code index}, inside the stand-in's namespace. */
    public static String vmPort(int index) {
        return "eth" + StandInNic.requireIndex(index);
    }

    @Override
    public String toString() {
        return value;
    }
}
