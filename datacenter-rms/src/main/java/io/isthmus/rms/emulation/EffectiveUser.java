package io.isthmus.rms.emulation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Who this process acts as, by its effective user id (not by a name, which the environment can change). */
public final class EffectiveUser {

    private static final Path STATUS = Path.of("/proc/self/status");

    private EffectiveUser() {
    }

    /** Whether this process's effective user id is 0; false where {@code /proc/self/status} cannot be read. */
    public static boolean isRoot() {
        try {
            return isRoot(Files.readString(STATUS));
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether a {@code /proc/<pid>/status} text's {@code Uid:} line (real, effective, saved, fs) has effective 0. */
    static boolean isRoot(String status) {
        return status.lines().filter(line -> line.startsWith("Uid:")).map(line -> line.split("\\s+"))
                .anyMatch(fields -> fields.length > 2 && "0".equals(fields[2]));
    }
}
