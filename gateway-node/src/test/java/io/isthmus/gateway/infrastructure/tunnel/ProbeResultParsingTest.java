package io.isthmus.gateway.infrastructure.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.gateway.domain.tunnel.InterfaceName;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProbeResultParsingTest {

    @Test
    void missingPrivilegeSaysCapNetAdminIsNeeded() {
        assertEquals("Operation not permitted — the gateway needs CAP_NET_ADMIN (run as root)",
                LinkFailures.reason("RTNETLINK answers: Operation not permitted\n", "vxlan"));
    }

    @Test
    void missingKernelSupportNamesTheKind() {
        String reason = LinkFailures.reason("Error: Unknown device type.\n", "gretap");
        assertTrue(reason.startsWith("the kernel has no gretap support (Error: Unknown device type.)"), reason);
    }

    @Test
    void missingNamespaceAndDevicePointAtTheConfiguration() {
        assertTrue(LinkFailures.reason("Cannot open network namespace \"x\": No such file or directory", "vxlan")
                .contains("gateway.netns"));
        assertTrue(LinkFailures.reason("Cannot find device \"wan0\"", "vxlan").contains("gateway.underlayDevice"));
    }

    @Test
    void linkListingYieldsNamesWithoutTheirParents() {
        String out = """
                1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT\\    link/loopback
                7: isvl5001@trunk0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master isbr5001
                8: isbr5001: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UP
                9: wan0@if10: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP
                """;
        assertEquals(Set.of("lo", "isvl5001", "isbr5001", "wan0"),
                LinkListParser.names(out).stream().map(InterfaceName::value).collect(java.util.stream.Collectors.toSet()));
    }
}
