package io.isthmus.rms.emulation;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One test guest under QEMU (TCG, nested SVM flag on), booted as the RMS boots it: the image's kernel, initramfs and
 * command line, a qcow2 overlay and the NoCloud seed as virtio disks, and a virtio-serial port named
 * org.qemu.guest_agent.0. Its first NIC is on a QEMU user network whose TCP port 7777 (the TEST-ONLY control
 * listener) is forwarded to a local port; a second NIC is left out of the seed. A second virtio-serial port that the
 * guest never opens shows what "not opened" looks like.
 */
final class QemuGuest implements AutoCloseable {

    static final String AGENT_CHARDEV = "agent0";
    static final String UNUSED_CHARDEV = "unused0";

    private final Process process;
    private final Path console;
    private final Path qmp;
    private final int controlPort;
    private final long startedNanos;

    private QemuGuest(Process process, Path console, Path qmp, int controlPort, long startedNanos) {
        this.process = process;
        this.console = console;
        this.qmp = qmp;
        this.controlPort = controlPort;
        this.startedNanos = startedNanos;
    }

    /**
     * Boots the guest; {@code tenantNet} is the user network (e.g. 192.168.76.0/24) that holds {@code guestIp}, the
     * address the seed gives the NIC with {@code tenantMac}.
     */
    static QemuGuest boot(TestGuestImage.Image image, Path overlay, Path seed, Path directory, String tenantMac,
            String tenantNet, String guestIp, String spareMac) throws IOException {
        Path console = directory.resolve("console.log");
        Path qmp = directory.resolve("qmp.sock");
        int controlPort = freePort();
        List<String> command = List.of("qemu-system-x86_64", "-accel", "tcg", "-cpu", "qemu64,+svm", "-m", "128",
                "-display", "none", "-nodefaults", "-no-user-config", "-no-reboot",
                "-kernel", image.kernel().toString(), "-initrd", image.initrd().toString(), "-append", image.cmdline(),
                "-drive", "file=" + overlay + ",if=virtio,format=qcow2",
                "-drive", "file=" + seed + ",if=virtio,format=raw,readonly=on",
                "-netdev", "user,id=tenant,net=" + tenantNet + ",hostfwd=tcp:127.0.0.1:" + controlPort + "-"
                        + guestIp + ":7777",
                "-device", "virtio-net-pci,netdev=tenant,mac=" + tenantMac,
                "-netdev", "user,id=spare,restrict=on",
                "-device", "virtio-net-pci,netdev=spare,mac=" + spareMac,
                "-device", "virtio-serial",
                "-chardev", socketChardev(AGENT_CHARDEV, directory.resolve("agent.sock")),
                "-device", "virtserialport,chardev=" + AGENT_CHARDEV + ",name=org.qemu.guest_agent.0",
                "-chardev", socketChardev(UNUSED_CHARDEV, directory.resolve("unused.sock")),
                "-device", "virtserialport,chardev=" + UNUSED_CHARDEV + ",name=org.isthmus.unused.0",
                "-qmp", "unix:" + qmp + ",server=on,wait=off",
                "-serial", "file:" + console);
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(directory.resolve("qemu.out").toFile()).start();
        return new QemuGuest(process, console, qmp, controlPort, started);
    }

    /** The first console line that starts with {@code prefix}, waiting up to {@code timeout} for it. */
    String awaitConsoleLine(String prefix, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<String> line = consoleText().lines().filter(l -> l.startsWith(prefix)).findFirst();
            if (line.isPresent()) {
                return line.get();
            }
            if (!process.isAlive()) {
                throw new AssertionError("QEMU ended (exit " + process.exitValue() + ") before the guest printed "
                        + prefix + "; console:\n" + consoleText());
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no console line " + prefix + " within " + timeout + "; console:\n" + consoleText());
    }

    String consoleText() throws IOException {
        return Files.exists(console) ? Files.readString(console, StandardCharsets.ISO_8859_1) : "";
    }

    Duration sinceStart() {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    boolean guestOpened(String chardev) throws IOException {
        return Qmp.frontendOpen(qmp, chardev);
    }

    /**
     * Runs one shell command in the guest through its control listener and returns its output. The user network
     * accepts a connection before the guest does, so an empty answer is retried for a few seconds.
     */
    String run(String shellCommand) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        String output = "";
        while (output.isEmpty() && System.nanoTime() < deadline) {
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), controlPort)) {
                socket.setSoTimeout(20_000);
                OutputStream out = socket.getOutputStream();
                out.write((shellCommand + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                InputStream in = socket.getInputStream();
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (output.isEmpty()) {
                Thread.sleep(200);
            }
        }
        return output;
    }

    /** QEMU's resident set size in KiB, from /proc. */
    long residentKib() throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status")).stream()
                .filter(l -> l.startsWith("VmRSS:")).map(l -> l.replaceAll("\\D", "")).mapToLong(Long::parseLong)
                .findFirst().orElseThrow(() -> new IOException("no VmRSS for QEMU " + process.pid()));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String socketChardev(String id, Path socket) {
        return "socket,id=" + id + ",path=" + socket + ",server=on,wait=off";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
