package io.isthmus.examples.federation.identity;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** A signed JWT (JWS compact form) as Keycloak issues it: header, claims, and an RS256 check against a JWKS. */
record Jwt(String compact, Map<String, Object> header, Map<String, Object> claims) {

    static Jwt decode(String compact) {
        String[] parts = compact.split("\\.", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("a JWS has three dot-separated parts, this has " + parts.length);
        }
        return new Jwt(compact, Json.object(base64Text(parts[0])), Json.object(base64Text(parts[1])));
    }

    /** True when the signature verifies (RS256) with the key of the JWKS whose {@code kid} the header names. */
    boolean verifiesWith(Map<String, Object> jwks) {
        if (!"RS256".equals(header.get("alg"))) {
            return false;
        }
        Object kid = header.get("kid");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> keys = (List<Map<String, Object>>) jwks.get("keys");
        for (Map<String, Object> key : keys) {
            if (kid.equals(key.get("kid")) && "RSA".equals(key.get("kty"))) {
                return verifies(rsaKey(key));
            }
        }
        return false;
    }

    /** This token with its payload replaced by {@code otherClaimsJson}, the original signature kept. */
    String withPayload(String otherClaimsJson) {
        String[] parts = compact.split("\\.");
        String payload = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(otherClaimsJson.getBytes(StandardCharsets.UTF_8));
        return parts[0] + "." + payload + "." + parts[2];
    }

    /** The payload's JSON text. */
    String payloadJson() {
        return base64Text(compact.split("\\.")[1]);
    }

    private boolean verifies(PublicKey key) {
        int lastDot = compact.lastIndexOf('.');
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initVerify(key);
            rs256.update(compact.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII));
            return rs256.verify(Base64.getUrlDecoder().decode(compact.substring(lastDot + 1)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not check an RS256 signature: " + e.getMessage(), e);
        }
    }

    private static PublicKey rsaKey(Map<String, Object> jwk) {
        try {
            BigInteger modulus = new BigInteger(1, Base64.getUrlDecoder().decode((String) jwk.get("n")));
            BigInteger exponent = new BigInteger(1, Base64.getUrlDecoder().decode((String) jwk.get("e")));
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JWKS key " + jwk.get("kid") + " is no RSA public key", e);
        }
    }

    private static String base64Text(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }
}
