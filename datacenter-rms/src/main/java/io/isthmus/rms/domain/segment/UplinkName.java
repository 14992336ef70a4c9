package io.isthmus.rms.domain.segment;

import io.isthmus.rms.domain.site.InvalidRequestException;
import java.util.regex.Pattern;

/**
 * The VXLAN port that joins a host's segment bridge to the site gateway: {@code ishx<vni>}, at most 15
 * characters (the longest, {@code ishx16777215}, has 12).
 */
public record UplinkName(String value) {

    public static final String PREFIX = "ishx";
    private static final Pattern UPLINK = Pattern.compile(PREFIX + "[1-9][0-9]{0,7}");

    public UplinkName {
        if (value == null || !UPLINK.matcher(value).matches() || value.length() > 15) {
            throw new InvalidRequestException("uplink", "uplink name '" + value
                    + "' is not ishx<vni> within the 15-character limit of Linux interface names");
        }
    }

    public static UplinkName forSegment(Vni vni) {
        return new UplinkName(PREFIX + vni.value());
    }

    /** Whether {@code name} has the form of an uplink name (without saying that its VNI is valid). */
    public static boolean looksLikeUplink(String name) {
        return name != null && UPLINK.matcher(name).matches();
    }

    /** The segment this uplink carries. */
    public Vni vni() {
        return new Vni(Integer.parseInt(value.substring(PREFIX.length())));
    }

    @Override
    public String toString() {
        return value;
    }
}
