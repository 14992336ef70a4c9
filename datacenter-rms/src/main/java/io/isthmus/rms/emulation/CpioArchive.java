package io.isthmus.rms.emulation;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a directory tree as a gzipped "newc" cpio archive, the initramfs format, plus device nodes an
 * unprivileged builder cannot create on disk. Every entry is owned by root and dated 0, so equal trees give equal
 * archives.
 */
final class CpioArchive {

    /** A character device to add, e.g. dev/console (5, 1). */
    record CharacterDevice(String path, int major, int minor) {
    }

    private static final int TYPE_MASK = 0170000;
    private static final int FILE = 0100000;
    private static final int DIRECTORY = 0040000;
    private static final int SYMLINK = 0120000;
    private static final int CHARACTER_DEVICE = 0020000;
    private static final String TRAILER = "TRAILER!!!";

    private final OutputStream out;
    private long written;
    private int inode = 1;

    private CpioArchive(OutputStream out) {
        this.out = out;
    }

    static void write(Path tree, List<CharacterDevice> devices, Path archive) {
        try (OutputStream file = Files.newOutputStream(archive);
                GZIPOutputStream gzip = new GZIPOutputStream(new BufferedOutputStream(file), 1 << 16);
                Stream<Path> paths = Files.walk(tree)) {
            CpioArchive cpio = new CpioArchive(gzip);
            for (Path path : paths.sorted().filter(p -> !p.equals(tree)).toList()) {
                cpio.add(tree.relativize(path).toString(), path);
            }
            for (CharacterDevice device : devices) {
                cpio.entry(device.path(), CHARACTER_DEVICE | 0600, device.major(), device.minor(), new byte[0]);
            }
            cpio.entry(TRAILER, 0, 0, 0, new byte[0]);
        } catch (IOException e) {
            throw new TestImageException("cannot write the initramfs " + archive + ": " + e, e);
        }
    }

    private void add(String name, Path path) throws IOException {
        int permissions = permissions(path);
        if (Files.isSymbolicLink(path)) {
            byte[] target = Files.readSymbolicLink(path).toString().getBytes(StandardCharsets.UTF_8);
            entry(name, SYMLINK | 0777, 0, 0, target);
        } else if (Files.isDirectory(path)) {
            entry(name, DIRECTORY | permissions, 0, 0, new byte[0]);
        } else if (Files.isRegularFile(path)) {
            entry(name, FILE | permissions, 0, 0, Files.readAllBytes(path));
        } else {
            throw new TestImageException("cannot put " + path + " into an initramfs: not a file, directory or link");
        }
    }

    private void entry(String name, int mode, int deviceMajor, int deviceMinor, byte[] data) throws IOException {
        byte[] nameBytes = (name + "\0").getBytes(StandardCharsets.UTF_8);
        boolean trailer = TRAILER.equals(name);
        StringBuilder header = new StringBuilder("070701");
        for (long field : new long[] {trailer ? 0 : inode++, mode, 0, 0, trailer ? 1 : nlink(mode), 0, data.length,
            0, 0, deviceMajor, deviceMinor, nameBytes.length, 0}) {
            header.append(String.format("%08x", field));
        }
        put(header.toString().getBytes(StandardCharsets.US_ASCII));
        put(nameBytes);
        pad();
        put(data);
        pad();
    }

    private static int nlink(int mode) {
        return (mode & TYPE_MASK) == DIRECTORY ? 2 : 1;
    }

    private void put(byte[] bytes) throws IOException {
        out.write(bytes);
        written += bytes.length;
    }

    private void pad() throws IOException {
        while (written % 4 != 0) {
            put(new byte[] {0});
        }
    }

    private static int permissions(Path path) throws IOException {
        if (Files.isSymbolicLink(path)) {
            return 0777;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
        int mode = 0;
        for (PosixFilePermission permission : permissions) {
            mode |= 1 << (8 - permission.ordinal());
        }
        return mode;
    }
}
