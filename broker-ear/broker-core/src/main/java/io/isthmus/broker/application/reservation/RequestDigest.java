package io.isthmus.broker.application.reservation;

import io.isthmus.broker.domain.reservation.VirtualInfrastructureSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A request's fingerprint: SHA-256 of its value (the spec is made of records, so equal requests print alike). */
final class RequestDigest {
    private RequestDigest() {
    }

    static String of(VirtualInfrastructureSpec vi) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(vi.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
