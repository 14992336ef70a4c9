package io.isthmus.rms.infrastructure.image;

import io.isthmus.rms.domain.compute.ComputeException;
import io.isthmus.rms.domain.compute.ImageCatalog;
import io.isthmus.rms.domain.reservation.ImageRef;
import io.isthmus.rms.domain.site.InvalidRequestException;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The catalog as the {@code <name>.qcow2} files of one directory ({@code site.imageDir}), where the libvirt domains
 * take their disks from: image {@code debian-12} is the file {@code debian-12.qcow2}. Read on every call, so an image
 * copied in is offered at once and one removed is no longer. The default for sites whose hosts are libvirt
 * {@code test:///} connections, which never read the file. A missing directory is an empty catalog; a file whose
 * name is not a valid image name is left out; both are logged once.
 */
public final class DirectoryImageCatalog implements ImageCatalog {

    private static final Logger LOG = System.getLogger(DirectoryImageCatalog.class.getName());
    private static final String SUFFIX = ".qcow2";

    private final Path directory;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    public DirectoryImageCatalog(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    /** The images, ordered by name. */
    @Override
    public Set<ImageRef> images() {
        if (!Files.isDirectory(directory)) {
            warnOnce(directory.toString(), "image directory {0} (site.imageDir) does not exist: the site offers no"
                    + " image until it does", directory);
            return Set.of();
        }
        warned.remove(directory.toString());
        try (Stream<Path> files = Files.list(directory)) {
            Set<ImageRef> images = new LinkedHashSet<>();
            files.filter(Files::isRegularFile)
                    .map(f -> f.getFileName().toString())
                    .filter(name -> name.endsWith(SUFFIX) && name.length() > SUFFIX.length())
                    .sorted(Comparator.naturalOrder())
                    .forEach(name -> image(name).ifPresent(images::add));
            return Collections.unmodifiableSet(images);
        } catch (IOException e) {
            throw new ComputeException("cannot list the image directory " + directory + " (site.imageDir): "
                    + e.getMessage(), e.getClass().getSimpleName(), "image directory", e);
        }
    }

    private Optional<ImageRef> image(String fileName) {
        String name = fileName.substring(0, fileName.length() - SUFFIX.length());
        try {
            return Optional.of(new ImageRef(name));
        } catch (InvalidRequestException e) {
            warnOnce(fileName, "image file {0} in {1} is left out of the catalog: {2}", fileName, directory,
                    e.getMessage());
            return Optional.empty();
        }
    }

    private void warnOnce(String key, String format, Object... args) {
        if (warned.add(key)) {
            LOG.log(Level.WARNING, format, args);
        }
    }

    @Override
    public String toString() {
        return "image directory " + directory;
    }
}
