package io.isthmus.rms.emulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The files iperf3 needs in the guest, read from ldd's report; a library missing on the host is named. */
class SharedLibrariesTest {

    private static final Path IPERF3 = Path.of("/usr/bin/iperf3");

    @Test
    void takesEveryResolvedLibraryAndTheInterpreterButNotTheVdso() {
        String ldd = """
                \tlinux-vdso.so.1 (0x00007ffc2b5f4000)
                \tlibiperf.so.0 => /lib/x86_64-linux-gnu/libiperf.so.0 (0x00007fd8b8bb2000)
                \tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007fd8b89d0000)
                \t/lib64/ld-linux-x86-64.so.2 (0x00007fd8b8bfc000)
                """;

        assertEquals(List.of(Path.of("/lib/x86_64-linux-gnu/libiperf.so.0"), Path.of("/lib/x86_64-linux-gnu/libc.so.6"),
                Path.of("/lib64/ld-linux-x86-64.so.2")), SharedLibraries.parse(IPERF3, ldd));
    }

    @Test
    void aLibraryThatIsNotFoundFailsTheBuildByName() {
        String ldd = "\tlibsctp.so.1 => not found\n\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f)\n";

        TestImageException e = assertThrows(TestImageException.class, () -> SharedLibraries.parse(IPERF3, ldd));

        assertTrue(e.getMessage().contains("/usr/bin/iperf3 needs libsctp.so.1"), e.getMessage());
    }

    @Test
    void theMissingPackageMessageNamesTheInstallCommand() {
        MissingPrerequisiteException e = new MissingPrerequisiteException("a statically linked busybox",
                List.of("busybox-static"));

        assertTrue(e.getMessage().endsWith("install it with 'apt-get install -y busybox-static'"), e.getMessage());
        assertEquals(List.of("apt-get", "install", "-y", "busybox-static"), e.installCommand());
    }
}
