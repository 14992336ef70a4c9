package io.isthmus.broker.domain.reservation;

import java.util.Optional;
import java.util.regex.Pattern;

/** Minimal IPv4 address and CIDR arithmetic for validating a request's addresses. */
public final class Ipv4 {
    private static final Pattern DOTTED = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    private Ipv4() {
    }

    /** A network: base address and prefix length. */
    public record Cidr(long base, int prefix) {
        public boolean contains(String address) {
            return parse(address).map(a -> (a & mask()) == (base & mask())).orElse(false);
        }

        private long mask() {
            return prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        }
    }

    public static Optional<Long> parse(String address) {
        var m = DOTTED.matcher(address == null ? "" : address);
        if (!m.matches()) {
            return Optional.empty();
        }
        long value = 0;
        for (int i = 1; i <= 4; i++) {
            int octet = Integer.parseInt(m.group(i));
            if (octet > 255) {
                return Optional.empty();
            }
            value = (value << 8) | octet;
        }
        return Optional.of(value);
    }

    public static Optional<Cidr> parseCidr(String cidr) {
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        try {
            int prefix = Integer.parseInt(cidr.substring(slash + 1));
            if (prefix < 0 || prefix > 32) {
                return Optional.empty();
            }
            return parse(cidr.substring(0, slash)).map(base -> new Cidr(base, prefix));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
