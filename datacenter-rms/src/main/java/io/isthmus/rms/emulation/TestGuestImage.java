package io.isthmus.rms.emulation;

import io.isthmus.rms.infrastructure.command.CommandRunner;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The small test guest image {@value #NAME}, built from this host's Debian packages into a cache directory and
 * rebuilt only when one of its inputs changes: a qcow2 root disk (busybox, iperf3, an init that configures the guest
 * from its cloud-init NoCloud seed and reports ready), and the kernel, initramfs and command line to boot it
 * directly. Call {@link #ensure(Path)}; from a shell, {@code java ... io.isthmus.rms.emulation.TestGuestImage DIR}.
 *
 * <p>TEST IMAGE ONLY: besides {@code iperf3 -s}, a guest of this image runs an unauthenticated root shell on TCP
 * 7777 (one command line per connection, its output sent back) so that system tests can run ping, iperf3 -c or
 * {@code cat /proc/cpuinfo} inside it. Boot it only on networks nothing but tests can reach.
 */
public final class TestGuestImage {

    public static final String NAME = "isthmus-test";
    /**
     * The console and root disk, then what makes a test guest boot in about 2.5 s of CPU under TCG instead of 3.6:
     * no console chatter, PCI interrupts routed without interpreting ACPI methods, no crypto self-tests (the
     * key-derivation one alone costs 0.15 s), no kprobe tracing, no speculative-execution mitigations (a test guest
     * on an isolated network) and no clocksource checks. Guests of a real site's images boot with their own command
     * line.
     */
    public static final String KERNEL_COMMAND_LINE = "console=ttyS0 root=/dev/vda rw quiet acpi=noirq"
            + " cryptomgr.notests initcall_blacklist=crypto_kdf108_init,init_kprobe_trace mitigations=off"
            + " tsc=reliable no_timer_check";
    /** Raise when the way the image is built changes, so that every cache rebuilds. */
    static final String BUILDER_VERSION = "2";

    private static final Logger LOG = System.getLogger(TestGuestImage.class.getName());
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);
    private static final List<String> SUFFIXES = List.of("qcow2", "vmlinuz", "initrd", "cmdline");

    /** The built image: its root disk and what boots it. */
    public record Image(Path qcow2, Path kernel, Path initrd, String cmdline) {

        public Image {
            Objects.requireNonNull(qcow2, "qcow2");
            Objects.requireNonNull(kernel, "kernel");
            Objects.requireNonNull(initrd, "initrd");
            Objects.requireNonNull(cmdline, "cmdline");
        }
    }

    private TestGuestImage() {
    }

    /**
     * The image in {@code cacheDir}, built first when missing or made from other inputs.
     *
     * @throws MissingPrerequisiteException when a package it is built from is not installed
     * @throws TestImageException when the build fails
     */
    public static Image ensure(Path cacheDir) {
        CommandRunner runner = new CommandRunner(COMMAND_TIMEOUT);
        TestImageInputs inputs = HostPrerequisites.locate(runner);
        GuestScripts scripts = GuestScripts.load();
        String stamp = ImageStamp.of(BUILDER_VERSION, KERNEL_COMMAND_LINE, inputs, scripts);
        ImageCache cache = new ImageCache(cacheDir, NAME, SUFFIXES);
        long started = System.nanoTime();
        boolean built = cache.ensure(stamp, directory -> {
            LOG.log(Level.INFO, "building test guest image from {0}, {1} and {2} in {3}", inputs.kernel(),
                    inputs.busybox(), inputs.iperf3(), cacheDir);
            build(inputs, scripts, directory, runner);
        });
        if (built) {
            LOG.log(Level.INFO, "built test guest image {0} in {1} ms", cache.file("qcow2"),
                    String.valueOf((System.nanoTime() - started) / 1_000_000));
        } else {
            LOG.log(Level.INFO, "test guest image is up to date: {0}", cache.file("qcow2"));
        }
        return new Image(cache.file("qcow2"), cache.file("vmlinuz"), cache.file("initrd"), KERNEL_COMMAND_LINE);
    }

    private static void build(TestImageInputs inputs, GuestScripts scripts, Path directory, CommandRunner runner) {
        Path work = directory.resolve("work");
        try {
            Files.copy(inputs.kernel(), directory.resolve(NAME + ".vmlinuz"));
            Files.writeString(directory.resolve(NAME + ".cmdline"), KERNEL_COMMAND_LINE + "\n", StandardCharsets.UTF_8);
            Initramfs.build(inputs, scripts, work.resolve("initramfs"), directory.resolve(NAME + ".initrd"), runner);
            RootFilesystem.build(inputs, scripts, work, directory.resolve(NAME + ".qcow2"), runner);
        } catch (IOException e) {
            throw new TestImageException("cannot write the test guest image into " + directory + ": " + e, e);
        }
    }

    /** Builds (or finds) the image in the directory given as the only argument and prints where its files are. */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: TestGuestImage CACHE_DIRECTORY");
            System.exit(2);
        }
        try {
            Image image = ensure(Path.of(args[0]));
            System.out.println("qcow2=" + image.qcow2());
            System.out.println("kernel=" + image.kernel());
            System.out.println("initrd=" + image.initrd());
            System.out.println("cmdline=" + image.cmdline());
        } catch (TestImageException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }
}
