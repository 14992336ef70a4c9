package io.isthmus.rms.emulation;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One built image in a cache directory: its files ({@code NAME.SUFFIX}) and a stamp of what they were built from
 * ({@code NAME.stamp}). A build runs only when the stamp differs or a file is missing, in a temporary directory
 * beside them, and its files replace the old ones by atomic renames, the stamp last, so an interrupted build leaves
 * no valid stamp. Builders in other processes wait on a file lock ({@code NAME.lock}), those in this one on a
 * monitor.
 */
final class ImageCache {

    /** Writes every file of the image into the given (empty) directory. */
    interface Builder {
        void build(Path directory);
    }

    private static final Object IN_PROCESS = new Object();

    private final Path directory;
    private final String name;
    private final List<String> suffixes;

    ImageCache(Path directory, String name, List<String> suffixes) {
        this.directory = directory.toAbsolutePath().normalize();
        this.name = name;
        this.suffixes = List.copyOf(suffixes);
    }

    Path file(String suffix) {
        return directory.resolve(name + "." + suffix);
    }

    /** Builds the image unless its stamp is {@code stamp} already; says whether it built. */
    boolean ensure(String stamp, Builder builder) {
        synchronized (IN_PROCESS) {
            try {
                Files.createDirectories(directory);
                try (FileChannel channel = FileChannel.open(file("lock"), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE);
                        FileLock lock = channel.lock()) {
                    if (upToDate(stamp)) {
                        return false;
                    }
                    rebuild(stamp, builder);
                    return true;
                }
            } catch (IOException e) {
                throw new TestImageException("cannot update the image " + name + " in " + directory + ": " + e, e);
            }
        }
    }

    private boolean upToDate(String stamp) throws IOException {
        Path stampFile = file("stamp");
        return Files.isRegularFile(stampFile)
                && Files.readString(stampFile, StandardCharsets.UTF_8).strip().equals(stamp)
                && suffixes.stream().allMatch(suffix -> Files.isRegularFile(file(suffix)));
    }

    private void rebuild(String stamp, Builder builder) throws IOException {
        removeAbandonedBuilds();
        Path build = Files.createTempDirectory(directory, buildPrefix());
        try {
            builder.build(build);
            for (String suffix : suffixes) {
                if (!Files.isRegularFile(build.resolve(name + "." + suffix))) {
                    throw new TestImageException("the build of " + name + " made no " + name + "." + suffix);
                }
            }
            Files.deleteIfExists(file("stamp"));
            for (String suffix : suffixes) {
                move(build.resolve(name + "." + suffix), file(suffix));
            }
            Files.writeString(build.resolve(name + ".stamp"), stamp + "\n", StandardCharsets.UTF_8);
            move(build.resolve(name + ".stamp"), file("stamp"));
        } finally {
            deleteTree(build);
        }
    }

    private String buildPrefix() {
        return "." + name + "-build-";
    }

    /** Builds whose process died hold no lock; this one holds it, so any left are abandoned. */
    private void removeAbandonedBuilds() throws IOException {
        try (DirectoryStream<Path> builds = Files.newDirectoryStream(directory, buildPrefix() + "*")) {
            for (Path build : builds) {
                deleteTree(build);
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
