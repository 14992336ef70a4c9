package io.isthmus.examples.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PrerequisitesTest {

    @Test
    void aPortInUseIsReportedWithTheOptionThatAvoidsIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertFalse(Prerequisites.isFree(port));

            FederationException refused = assertThrows(FederationException.class,
                    () -> Prerequisites.check(List.of(port)));

            assertTrue(refused.getMessage().contains("port " + port), refused.getMessage());
            assertTrue(refused.getMessage().contains("--ports-base"));
        }
    }

    @Test
    void libvirtIsFoundAndLoadsOnThisMachine() {
        assertEquals(Optional.empty(), Prerequisites.libvirtProblem(),
                "libvirt0 is a declared prerequisite of the build machine (apt-get install libvirt0)");
    }
}
