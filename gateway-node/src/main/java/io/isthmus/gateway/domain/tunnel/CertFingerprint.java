package io.isthmus.gateway.domain.tunnel;

import io.isthmus.gateway.domain.shared.InvalidRequestException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The SHA-256 fingerprint of a certificate as OpenVPN's {@code --peer-fingerprint} takes it: 32 upper-case hex
 * byte pairs joined by colons.
 */
public record CertFingerprint(String value) {

    private static final Pattern FINGERPRINT = Pattern.compile("[0-9A-F]{2}(:[0-9A-F]{2}){31}");

    public CertFingerprint {
        if (value == null || !FINGERPRINT.matcher(value).matches()) {
            throw new InvalidRequestException("certificate fingerprint '" + value + "' is not a SHA-256 fingerprint: "
                    + "give 32 upper-case hex byte pairs joined by colons (AB:CD:...)");
        }
    }

    /** The fingerprint of a SHA-256 digest. */
    public static CertFingerprint of(byte[] sha256) {
        if (sha256.length != 32) {
            throw new IllegalArgumentException("a SHA-256 digest has 32 bytes, got " + sha256.length);
        }
        return new CertFingerprint(HexFormat.ofDelimiter(":").withUpperCase().formatHex(sha256));
    }

    @Override
    public String toString() {
        return value;
    }
}
