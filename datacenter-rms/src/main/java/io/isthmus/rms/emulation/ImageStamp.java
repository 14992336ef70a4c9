package io.isthmus.rms.emulation;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What an image was built from, as one SHA-256: the builder's version, the kernel command line, every host file's
 * path and content (kernel, modules, busybox, iperf3 and its libraries) and every guest script's text. Equal stamps
 * mean an equal image.
 */
final class ImageStamp {

    private ImageStamp() {
    }

    static String of(String builderVersion, String cmdline, TestImageInputs inputs, GuestScripts scripts) {
        MessageDigest digest = sha256();
        field(digest, "builder " + builderVersion);
        field(digest, "cmdline " + cmdline);
        for (String applet : inputs.busyboxApplets()) {
            field(digest, "applet " + applet);
        }
        for (Path file : inputs.files()) {
            field(digest, "file " + file);
            content(digest, file);
        }
        for (String name : scripts.names()) {
            field(digest, "script " + name);
            field(digest, scripts.text(name));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void field(MessageDigest digest, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        digest.update(Long.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        digest.update((byte) ':');
        digest.update(bytes);
    }

    private static void content(MessageDigest digest, Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            digest.update(Long.toString(Files.size(file)).getBytes(StandardCharsets.US_ASCII));
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new TestImageException("cannot read " + file + ", an input of the test guest image", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
