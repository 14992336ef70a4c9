package io.isthmus.examples.federation.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LinuxNameTest {

    @Test
    void acceptsTheUnderlayNames() {
        assertEquals("isth-gw-req", LinuxName.of("isth-gw-req").value());
        assertEquals("wan-gw-req", EmulatedUnderlay.REQUESTER.wanPeer().value());
    }

    @Test
    void refusesNamesTheKernelOrAShellWouldMisread() {
        assertThrows(IllegalArgumentException.class, () -> LinuxName.of("sixteen-chars-xx"));
        assertThrows(IllegalArgumentException.class, () -> LinuxName.of("Wan0"));
        assertThrows(IllegalArgumentException.class, () -> LinuxName.of("a;rm -rf"));
        assertThrows(IllegalArgumentException.class, () -> LinuxName.of("../etc"));
        assertThrows(IllegalArgumentException.class, () -> new Ipv4Interface("198.51.100.256", 24));
    }
}
