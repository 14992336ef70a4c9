package io.isthmus.rms.domain.reservation;

import io.isthmus.rms.domain.site.InvalidRequestException;
import java.util.regex.Pattern;

/** An image in the site's image store, e.g. {@code debian-12} or {@code ubuntu-24.04.qcow2}. */
public record ImageRef(String value) {

    private static final Pattern IMAGE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public ImageRef {
        if (value == null || !IMAGE.matcher(value).matches() || value.contains("..")) {
            throw new InvalidRequestException("image", "image '" + value + "' is not a valid image name: use"
                    + " letters, digits, '.', '_' or '-' (no '..'), at most 64 characters");
        }
    }

    /** The qcow2 file name of the image in the image directory. */
    public String fileName() {
        return value.endsWith(".qcow2") ? value : value + ".qcow2";
    }

    @Override
    public String toString() {
        return value;
    }
}
