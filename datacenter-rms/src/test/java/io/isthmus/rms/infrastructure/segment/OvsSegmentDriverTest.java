package io.isthmus.rms.infrastructure.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.isthmus.rms.domain.segment.Ipv4Address;
import io.isthmus.rms.domain.segment.SegmentException;
import io.isthmus.rms.domain.segment.SegmentPort;
import io.isthmus.rms.domain.segment.SegmentProbe;
import io.isthmus.rms.domain.segment.Vni;
import io.isthmus.rms.domain.site.InvalidRequestException;
import io.isthmus.rms.domain.site.NamespaceName;
import io.isthmus.rms.infrastructure.command.CommandRunner;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Open vSwitch driver against whatever this machine has: where OVS cannot run it must refuse every
 * operation with the probe's reason; where it can (ovs-vsctl, the openvswitch datapath and ovsdb-server, as
 * root) it builds and removes a real bridge in the host namespace.
 */
class OvsSegmentDriverTest {

    private final CommandRunner runner = CommandRunner.withDefaultTimeout();
    private final OvsSegmentDriver driver = new OvsSegmentDriver(runner);
    private final SegmentPort port = SegmentPort.of(new Vni(16_000_123), new Ipv4Address("198.51.100.11"),
            new Ipv4Address("198.51.100.1"));

    @Test
    void whereOpenVswitchCannotRunEveryOperationRefusesWithTheProbesReason() {
        SegmentProbe probe = driver.probe();
        assumeFalse(probe.usable(), "Open vSwitch works on this machine; the real test below covers it");

        SegmentProbe.Refusal refusal = probe.refusal().orElseThrow();
        assertTrue(refusal.message().contains("linux-bridge") || refusal.message().contains("start Open vSwitch")
                || refusal.message().contains("root"), "the refusal says what to do instead: " + refusal.message());
        for (Runnable operation : List.<Runnable>of(() -> driver.ensure(port), () -> driver.remove(port.vni()),
                driver::present)) {
            SegmentException refused = assertThrows(SegmentException.class, operation::run);
            assertTrue(refused.getMessage().contains("cannot run here: ovs: " + refusal.reason()),
                    refused.getMessage());
        }
    }

    @Test
    void aSegmentInsideAnEmulatedHostsNamespaceIsRefusedWhateverThisMachineHas() {
        InvalidRequestException refused = assertThrows(InvalidRequestException.class,
                () -> driver.ensure(port.inNamespace(new NamespaceName("isst-ovs-host"))));

        assertTrue(refused.getMessage().contains("use the linux-bridge driver for emulated hosts"),
                refused.getMessage());
    }

    @Test
    void whereOpenVswitchRunsEnsureBuildsTheBridgeAndVxlanAndRemoveDeletesThem() {
        SegmentProbe probe = driver.probe();
        assumeTrue(probe.usable(), "Open vSwitch cannot run here, so the real OVS path is not exercised: "
                + probe.describe());
        try {
            driver.ensure(port);
            driver.ensure(port);

            assertTrue(driver.present().contains(port.vni()));
            assertEquals("vxlan", vsctl("get", "interface", "ishx16000123", "type"));
            assertEquals("{dst_port=\"4790\", key=\"16000123\", local_ip=\"198.51.100.11\","
                    + " remote_ip=\"198.51.100.1\"}", vsctl("get", "interface", "ishx16000123", "options"));
            assertEquals("ishx16000123", vsctl("list-ports", "isbr16000123"));
        } finally {
            driver.remove(port.vni());
        }
        driver.remove(port.vni());
        assertFalse(driver.present().contains(port.vni()), "the bridge and its uplink are gone");
    }

    private String vsctl(String... args) {
        List<String> argv = new ArrayList<>(List.of("ovs-vsctl", "--timeout=5"));
        argv.addAll(List.of(args));
        return runner.run(argv).stdout().strip();
    }
}
