package io.isthmus.rms.domain.compute;

import io.isthmus.rms.domain.segment.Vni;
import io.isthmus.rms.domain.site.InvalidRequestException;
import java.util.regex.Pattern;

/** The Linux bridge that carries one segment on a host: {@code isbr<vni>}, at most 15 characters. */
public record BridgeName(String value) {

    private static final Pattern BRIDGE = Pattern.compile("isbr[1-9][0-9]{0,7}");

    public BridgeName {
        if (value == null || !BRIDGE.matcher(value).matches() || value.length() > 15) {
            throw new InvalidRequestException("bridge", "bridge name '" + value
                    + "' is not isbr<vni> within the 15-character limit of Linux interface names");
        }
    }

    public static BridgeName forSegment(Vni vni) {
        return new BridgeName("isbr" + vni.value());
    }

    /** The segment this bridge carries. */
    public Vni vni() {
        return new Vni(Integer.parseInt(value.substring(4)));
    }

    @Override
    public String toString() {
        return value;
    }
}
