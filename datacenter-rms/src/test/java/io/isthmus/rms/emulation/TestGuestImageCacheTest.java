package io.isthmus.rms.emulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.rms.infrastructure.command.CommandResult;
import io.isthmus.rms.infrastructure.command.CommandRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image cache: built once even when two processes ask at the same moment, skipped while the stamp of its inputs
 * is unchanged, rebuilt when it changes, and left as it was by a build that fails.
 */
class TestGuestImageCacheTest {

    private static final List<String> SUFFIXES = List.of("qcow2", "initrd");

    @TempDir
    Path directory;

    @Test
    void twoProcessesAskingAtOnceBuildTheImageOnce() throws Exception {
        Path cache = directory.resolve("cache");
        List<Process> builders = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            builders.add(new ProcessBuilder(javaCommand(cache)).redirectErrorStream(true)
                    .redirectOutput(directory.resolve("builder" + i + ".log").toFile()).start());
        }
        String logs = "";
        for (int i = 0; i < 2; i++) {
            Process builder = builders.get(i);
            assertTrue(builder.waitFor(3, TimeUnit.MINUTES), "builder " + i + " did not finish");
            String log = Files.readString(directory.resolve("builder" + i + ".log"));
            assertEquals(0, builder.exitValue(), log);
            logs += log;
        }

        assertEquals(1, count(logs, "building test guest image from"), logs);
        assertEquals(1, count(logs, "test guest image is up to date"), logs);
        CommandResult check = CommandRunner.withDefaultTimeout()
                .run(List.of("qemu-img", "check", cache.resolve(TestGuestImage.NAME + ".qcow2").toString()));
        assertTrue(check.succeeded() && check.stdout().contains("No errors were found"), check.describe());
        try (Stream<Path> files = Files.list(cache)) {
            assertEquals(List.of("isthmus-test.cmdline", "isthmus-test.initrd", "isthmus-test.lock",
                    "isthmus-test.qcow2", "isthmus-test.stamp", "isthmus-test.vmlinuz"),
                    files.map(f -> f.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void anUnchangedStampSkipsTheBuildAndAChangedOneReplacesTheImage() throws IOException {
        ImageCache cache = new ImageCache(directory, "img", SUFFIXES);
        AtomicInteger builds = new AtomicInteger();

        assertTrue(cache.ensure("stamp-1", into -> writeImage(into, "one", builds)));
        assertFalse(cache.ensure("stamp-1", into -> writeImage(into, "two", builds)));
        assertEquals("one", Files.readString(cache.file("qcow2")));
        assertTrue(cache.ensure("stamp-2", into -> writeImage(into, "two", builds)));

        assertEquals(2, builds.get());
        assertEquals("two", Files.readString(cache.file("qcow2")));
        assertEquals("two", Files.readString(cache.file("initrd")));
        assertEquals("stamp-2\n", Files.readString(cache.file("stamp")));
    }

    @Test
    void aFailedBuildLeavesThePreviousImageInPlaceAndNoBuildDirectory() throws IOException {
        ImageCache cache = new ImageCache(directory, "img", SUFFIXES);
        cache.ensure("stamp-1", into -> writeImage(into, "one", new AtomicInteger()));
        Files.createDirectory(directory.resolve(".img-build-abandoned"));

        assertThrows(TestImageException.class, () -> cache.ensure("stamp-2", into -> {
            throw new TestImageException("mke2fs failed");
        }));

        assertEquals("one", Files.readString(cache.file("qcow2")));
        assertFalse(cache.ensure("stamp-1", into -> writeImage(into, "two", new AtomicInteger())));
        try (Stream<Path> files = Files.list(directory)) {
            assertEquals(List.of("img.initrd", "img.lock", "img.qcow2", "img.stamp"),
                    files.map(f -> f.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void aBuildThatMakesTooFewFilesReplacesNothing() throws IOException {
        ImageCache cache = new ImageCache(directory, "img", SUFFIXES);
        cache.ensure("stamp-1", into -> writeImage(into, "one", new AtomicInteger()));

        TestImageException e = assertThrows(TestImageException.class,
                () -> cache.ensure("stamp-2", into -> write(into.resolve("img.qcow2"), "two")));

        assertTrue(e.getMessage().contains("made no img.initrd"), e.getMessage());
        assertEquals("one", Files.readString(cache.file("qcow2")));
        assertEquals("stamp-1\n", Files.readString(cache.file("stamp")));
    }

    private static void writeImage(Path into, String content, AtomicInteger builds) {
        builds.incrementAndGet();
        for (String suffix : SUFFIXES) {
            write(into.resolve("img." + suffix), content);
        }
    }

    private static void write(Path file, String content) {
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    private static List<String> javaCommand(Path cache) throws Exception {
        Path classes = Path.of(TestGuestImage.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classes.toString(),
                TestGuestImage.class.getName(), cache.toString());
    }
}
