package io.isthmus.examples.federation.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Reads a process's resident set size (VmRSS) from {@code /proc/<pid>/status}. */
public final class ResidentMemory {

    private ResidentMemory() {
    }

    /** VmRSS in KiB; empty when the process is gone or /proc does not say. */
    public static Optional<Long> ofPid(long pid) {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        try {
            return Files.readAllLines(status).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .map(line -> line.substring("VmRSS:".length()).strip().split("\\s+")[0])
                    .map(Long::parseLong)
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
