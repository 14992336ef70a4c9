package io.isthmus.gateway.domain.shared;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** An IPv6 address literal (no zone), kept in its canonical long form, e.g. {@code 2001:db8:0:0:0:0:0:1}. */
public record Ipv6Address(String value) {

    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    public Ipv6Address {
        value = canonical(value);
    }

    private static String canonical(String literal) {
        if (literal == null || !literal.contains(":") || !LITERAL.matcher(literal).matches()) {
            throw new InvalidRequestException("'" + literal + "' is not an IPv6 address (e.g. 2001:db8::1)");
        }
        try {
            // a string with ':' is parsed as a literal, never looked up in DNS
            InetAddress parsed = InetAddress.getByName(literal);
            if (!(parsed instanceof Inet6Address)) {
                throw new InvalidRequestException("'" + literal + "' is an IPv4 address written as IPv6");
            }
            return parsed.getHostAddress();
        } catch (UnknownHostException e) {
            throw new InvalidRequestException("'" + literal + "' is not an IPv6 address (e.g. 2001:db8::1)");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
