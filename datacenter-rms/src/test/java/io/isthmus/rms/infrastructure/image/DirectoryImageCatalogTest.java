package io.isthmus.rms.infrastructure.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.isthmus.rms.domain.reservation.ImageRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog read from a real directory of qcow2 files. */
class DirectoryImageCatalogTest {

    @TempDir
    Path dir;

    private static List<String> names(Set<ImageRef> images) {
        return images.stream().map(ImageRef::value).toList();
    }

    @Test
    void theImagesAreTheQcow2FilesNamedWithoutTheirSuffixInOrder() throws IOException {
        Files.createFile(dir.resolve("ubuntu-24.04.qcow2"));
        Files.createFile(dir.resolve("debian-12.qcow2"));
        Files.createFile(dir.resolve("notes.txt"));
        Files.createFile(dir.resolve("debian-12.qcow2.part"));
        Files.createFile(dir.resolve(".qcow2"));
        Files.createDirectory(dir.resolve("old.qcow2"));

        assertEquals(List.of("debian-12", "ubuntu-24.04"), names(new DirectoryImageCatalog(dir).images()),
                "other files, a bare suffix and directories are not images");
    }

    @Test
    void aFileWhoseNameIsNoValidImageNameIsLeftOut() throws IOException {
        Files.createFile(dir.resolve("debian-12.qcow2"));
        Files.createFile(dir.resolve("-dash-first.qcow2"));
        Files.createFile(dir.resolve("two..dots.qcow2"));
        Files.createFile(dir.resolve("with space.qcow2"));

        assertEquals(List.of("debian-12"), names(new DirectoryImageCatalog(dir).images()));
    }

    @Test
    void aMissingDirectoryIsAnEmptyCatalogUntilItExistsAndChangesShowAtOnce() throws IOException {
        Path images = dir.resolve("images");
        DirectoryImageCatalog catalog = new DirectoryImageCatalog(images);
        assertEquals(Set.of(), catalog.images());

        Files.createDirectory(images);
        Files.createFile(images.resolve("debian-12.qcow2"));
        assertEquals(List.of("debian-12"), names(catalog.images()));

        Files.createFile(images.resolve("alpine-3.20.qcow2"));
        Files.delete(images.resolve("debian-12.qcow2"));
        assertEquals(List.of("alpine-3.20"), names(catalog.images()));
    }

    @Test
    void aSymbolicLinkToAnImageFileIsAnImage() throws IOException {
        Path base = Files.createFile(dir.resolve("base.img"));
        Files.createSymbolicLink(dir.resolve("debian-12.qcow2"), base);
        Files.createSymbolicLink(dir.resolve("dangling.qcow2"), dir.resolve("gone.img"));

        assertEquals(List.of("debian-12"), names(new DirectoryImageCatalog(dir).images()));
    }
}
