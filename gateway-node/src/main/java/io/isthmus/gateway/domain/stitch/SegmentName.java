package io.isthmus.gateway.domain.stitch;

import io.isthmus.gateway.domain.shared.InvalidRequestException;
import java.util.regex.Pattern;

/** A tenant segment's name: lowercase letter first, then [a-z0-9-], at most 31 characters. */
public record SegmentName(String value) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,30}");

    public SegmentName {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new InvalidRequestException("segment name '" + value
                    + "' must be a lowercase letter followed by up to 30 of [a-z0-9-]");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
