package io.isthmus.rms.infrastructure.qos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.rms.domain.qos.PacketRate;
import io.isthmus.rms.domain.qos.QosException;
import io.isthmus.rms.domain.qos.VifId;
import io.isthmus.rms.domain.site.NamespaceName;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The exact nft argument arrays of the packet cap, and how the chain listing is read back. */
class NftPacketCapCommandsTest {

    private static final VifId PORT = new VifId("isvp0123abcd0");
    private final NftPacketCapCommands inHost = new NftPacketCapCommands(Optional.of(new NamespaceName("isth-a1")),
            "nft");

    @Test
    void aCapCreatesTableAndChainAddsTheRuleAndDeletesTheReplacedOnesInOneTransaction() {
        assertEquals(List.of("ip", "netns", "exec", "isth-a1", "nft",
                "add", "table", "bridge", "isthmus-qos", ";",
                "add", "chain", "bridge", "isthmus-qos", "portcap",
                "{", "type", "filter", "hook", "forward", "priority", "0", ";", "}", ";",
                "add", "rule", "bridge", "isthmus-qos", "portcap", "oifname", "\"isvp0123abcd0\"",
                "limit", "rate", "over", "1000/second", "burst", "100", "packets", "drop", ";",
                "delete", "rule", "bridge", "isthmus-qos", "portcap", "handle", "4", ";",
                "delete", "rule", "bridge", "isthmus-qos", "portcap", "handle", "9"),
                inHost.cap(PORT, PacketRate.of(1000), List.of(4L, 9L)));
    }

    @Test
    void outsideANamespaceNftRunsDirectlyAndListsWithHandles() {
        NftPacketCapCommands here = new NftPacketCapCommands(Optional.empty(), "/usr/sbin/nft");

        assertEquals(List.of("/usr/sbin/nft", "-a", "list", "chain", "bridge", "isthmus-qos", "portcap"),
                here.listChain());
        assertEquals(List.of("/usr/sbin/nft", "delete", "table", "bridge", "isthmus-qos"), here.deleteTable());
        assertEquals(List.of("/usr/sbin/nft", "delete", "rule", "bridge", "isthmus-qos", "portcap", "handle", "3", ";",
                "delete", "rule", "bridge", "isthmus-qos", "portcap", "handle", "5"),
                here.deleteRules(List.of(3L, 5L)));
    }

    @Test
    void theBurstIsATenthOfASecondsPacketsButAtLeastTenAndARateOfZeroBecomesOne() {
        assertEquals(10, NftPacketCapCommands.burst(PacketRate.of(50)));
        assertEquals(100, NftPacketCapCommands.burst(PacketRate.of(1000)));
        assertEquals(2500, NftPacketCapCommands.burst(PacketRate.of(25_000)));
        assertTrue(inHost.cap(PORT, PacketRate.ZERO, List.of()).contains("1/second"));
        assertThrows(IllegalArgumentException.class, () -> inHost.cap(PORT, PacketRate.UNLIMITED, List.of()));
    }

    @Test
    void onlyVmPortsGetARuleSoNoOtherNameReachesNft() {
        assertTrue(NftPacketCapCommands.isVmPort(new VifId("isvp0123abcd12")));
        assertTrue(NftPacketCapCommands.isVmPort(new VifId("vnet3")));
        for (String other : List.of("eth0", "isbr7401", "isvp0123ABCD0", "isvp0123abcd", "isvp0123abcd100",
                "vnet03", "isst-up")) {
            assertFalse(NftPacketCapCommands.isVmPort(new VifId(other)), other);
            QosException refused = assertThrows(QosException.class,
                    () -> inHost.cap(new VifId(other), PacketRate.of(1000), List.of()));
            assertTrue(refused.getMessage().contains("is not a VM port (isvp<8 hex><index> or vnet<n>)"),
                    refused.getMessage());
        }
    }

    @Test
    void theListingIsReadAsOneRulePerPortWithItsHandleAndForeignRulesStillCount() {
        String listing = """
                table bridge isthmus-qos {
                \tchain portcap { # handle 1
                \t\ttype filter hook forward priority 0; policy accept;
                \t\toifname "isvp0123abcd0" limit rate over 1000/second burst 100 packets drop # handle 2
                \t\tcounter packets 0 bytes 0 # handle 7
                \t\toifname "isvp0123abcd1" limit rate over 5/second burst 10 packets drop # handle 13
                \t}
                }
                """;

        List<NftPortRule> rules = NftPortRule.parse(listing);

        assertEquals(List.of(new NftPortRule("isvp0123abcd0", 1000, 100, 2), new NftPortRule("", 0, 0, 7),
                new NftPortRule("isvp0123abcd1", 5, 10, 13)), rules);
        assertTrue(rules.get(0).caps("isvp0123abcd0") && rules.get(0).holds(1000, 100));
        assertFalse(rules.get(0).holds(1000, 10));
        assertEquals(List.of(), NftPortRule.parse("table bridge isthmus-qos {\n\tchain portcap { # handle 1\n"
                + "\t\ttype filter hook forward priority 0; policy accept;\n\t}\n}\n"));
    }
}
