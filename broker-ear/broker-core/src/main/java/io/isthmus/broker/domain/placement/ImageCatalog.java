package io.isthmus.broker.domain.placement;

import java.util.Collection;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The images a site can boot, as it reported them with its capacity, or unknown: a site whose RMS predates the
 * catalog reports none, and then offers every image (its own prepare is the only check), so a federation of mixed
 * versions keeps working. An image is named as in a request's node: {@code debian-12} and {@code debian-12.qcow2}
 * are the same image.
 */
public final class ImageCatalog {
    /** A site that did not report its catalog: every image is taken to be there. */
    public static final ImageCatalog UNKNOWN = new ImageCatalog(Optional.empty());

    private static final String SUFFIX = ".qcow2";

    private final Optional<Set<String>> images;

    private ImageCatalog(Optional<Set<String>> images) {
        this.images = images;
    }

    /** A reported catalog (an empty one offers nothing). */
    public static ImageCatalog of(Collection<String> images) {
        Set<String> names = new TreeSet<>();
        images.forEach(i -> names.add(name(i)));
        return new ImageCatalog(Optional.of(Collections.unmodifiableSet(names)));
    }

    /** Whether a node asking for {@code image} may go to this site. */
    public boolean offers(String image) {
        return images.map(names -> names.contains(name(image))).orElse(true);
    }

    /** The reported images by name (without {@code .qcow2}), in order; empty when unknown. */
    public Optional<Set<String>> names() {
        return images;
    }

    /** The image's name without the {@code .qcow2} suffix. */
    static String name(String image) {
        Objects.requireNonNull(image, "image");
        return image.endsWith(SUFFIX) && image.length() > SUFFIX.length()
                ? image.substring(0, image.length() - SUFFIX.length()) : image;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ImageCatalog c && c.images.equals(images);
    }

    @Override
    public int hashCode() {
        return images.hashCode();
    }

    /** {@code [debian-12, ubuntu-24.04]}, or {@code (catalog not reported)}. */
    @Override
    public String toString() {
        return images.map(Object::toString).orElse("(catalog not reported)");
    }
}
