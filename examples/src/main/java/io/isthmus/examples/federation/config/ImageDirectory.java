package io.isthmus.examples.federation.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A site's image directory ({@code site.imageDir}) as the launcher lays it out: one {@code <name>.qcow2} per image
 * of the site's catalog. The files are empty placeholders: the emulated sites' hosts are libvirt {@code test:///}
 * connections, which never read a disk; the catalog is their names.
 */
public final class ImageDirectory {

    private ImageDirectory() {
    }

    /** Creates {@code dir} and the placeholder of each image that is missing; leaves what is there. */
    public static void create(Path dir, List<String> images) {
        try {
            Files.createDirectories(dir);
            for (String image : images) {
                Path file = dir.resolve(image + ".qcow2");
                if (!Files.exists(file)) {
                    Files.createFile(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the image directory " + dir + ": " + e.getMessage(), e);
        }
    }
}
