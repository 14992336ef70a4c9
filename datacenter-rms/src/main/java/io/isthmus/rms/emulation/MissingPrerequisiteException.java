package io.isthmus.rms.emulation;

import java.util.List;
import java.util.stream.Stream;

/**
 * A host package the test guest image is built from is not installed. The message names the exact
 * {@code apt-get install} command; a launcher running as root may run {@link #installCommand()} itself.
 */
public final class MissingPrerequisiteException extends TestImageException {

    private final List<String> packages;

    public MissingPrerequisiteException(String missing, List<String> packages) {
        super("the test guest image needs " + missing + ": install it with '" + String.join(" ", command(packages))
                + "'");
        this.packages = List.copyOf(packages);
    }

    /** The Debian packages to install. */
    public List<String> packages() {
        return packages;
    }

    /** The argument array that installs them (as root). */
    public List<String> installCommand() {
        return command(packages);
    }

    private static List<String> command(List<String> packages) {
        return Stream.concat(Stream.of("apt-get", "install", "-y"), packages.stream()).toList();
    }
}
