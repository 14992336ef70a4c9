package io.isthmus.gateway.bench;

import io.isthmus.gateway.infrastructure.command.CommandFailedException;
import io.isthmus.gateway.infrastructure.command.ProcessCommandRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the figures depend on: CPU, cores, kernel, the openvpn and iperf3 builds, the JVM and the load. */
final class MachineFacts {

    private static final ProcessCommandRunner RUNNER = new ProcessCommandRunner();

    private MachineFacts() {
    }

    static String describe() {
        return "CPU " + cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores; kernel "
                + firstLine(List.of("uname", "-r")) + "; " + firstLine(List.of("openvpn", "--version")) + "; "
                + firstLine(List.of("iperf3", "--version")) + "; Java " + System.getProperty("java.version");
    }

    /** The 1, 5 and 15 minute load averages ({@code /proc/loadavg}): other builds share this machine. */
    static String load() {
        String[] f = read(Path.of("/proc/loadavg")).split("\\s+");
        return f.length >= 3 ? f[0] + " / " + f[1] + " / " + f[2] : "unknown";
    }

    private static String cpuModel() {
        return read(Path.of("/proc/cpuinfo")).lines().filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("unknown");
    }

    private static String firstLine(List<String> argv) {
        try {
            return RUNNER.run(argv).stdout().lines().findFirst().orElse("?");
        } catch (CommandFailedException e) {
            // openvpn --version exits 1 on some builds while printing its version
            return e.stdout().lines().findFirst().orElse(argv.get(0) + " not found");
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
