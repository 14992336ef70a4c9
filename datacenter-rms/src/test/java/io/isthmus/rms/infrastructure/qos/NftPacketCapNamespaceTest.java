package io.isthmus.rms.infrastructure.qos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.isthmus.rms.domain.qos.PacketCapStatus;
import io.isthmus.rms.domain.qos.PacketRate;
import io.isthmus.rms.domain.qos.QosException;
import io.isthmus.rms.domain.qos.VifId;
import io.isthmus.rms.domain.site.NamespaceName;
import io.isthmus.rms.infrastructure.command.CommandResult;
import io.isthmus.rms.infrastructure.command.CommandRunner;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The nftables packet cap in a fresh namespace ({@code isqn-<pid>-<n>}) holding a segment bridge: the rules and the
 * table as {@code nft} itself lists them (needs root and nft). That the rules hold packets back is measured through
 * the RMS by {@code EmulatedPacketCapComponentTest}.
 */
class NftPacketCapNamespaceTest {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final VifId PORT_0 = new VifId("isvp0123abcd0");
    private static final VifId PORT_1 = new VifId("isvp0123abcd1");

    private final CommandRunner runner = new CommandRunner(Duration.ofSeconds(30));
    private NamespaceName host;
    private NftPacketCap nft;

    @BeforeEach
    void createNamespace() {
        assumeTrue(runner.run(List.of("id", "-u")).stdout().strip().equals("0"),
                "network namespaces and nftables need root; run the build as root (CI does)");
        assumeTrue(runs("nft", "--version"), "nft is not installed (apt-get install nftables)");
        host = new NamespaceName("isqn-" + ProcessHandle.current().pid() % 100_000 + "-" + COUNTER.incrementAndGet());
        must("ip", "netns", "add", host.value());
        must("ip", "-n", host.value(), "link", "add", "isbr7402", "type", "bridge");
        nft = new NftPacketCap(runner, Optional.of(host));
    }

    @AfterEach
    void deleteNamespace() {
        if (host != null) {
            runner.run(List.of("ip", "netns", "del", host.value()));
        }
    }

    private boolean runs(String... command) {
        try {
            return runner.run(List.of(command)).succeeded();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private String must(String... command) {
        CommandResult result = runner.run(List.of(command));
        if (!result.succeeded()) {
            throw new AssertionError(result.describe());
        }
        return result.stdout();
    }

    private String tables() {
        return must("ip", "netns", "exec", host.value(), "nft", "list", "tables");
    }

    private List<NftPortRule> rules() {
        return NftPortRule.parse(must("ip", "netns", "exec", host.value(), "nft", "-a", "list", "chain", "bridge",
                "isthmus-qos", "portcap"));
    }

    @Test
    void aCapIsOneRulePerPortChangedInPlaceAndLeftAloneWhenUnchanged() {
        assertEquals(PacketCapStatus.ENFORCED, nft.cap(PORT_0, PacketRate.of(1000)));
        List<NftPortRule> first = rules();
        assertEquals(PacketCapStatus.ENFORCED, nft.cap(PORT_0, PacketRate.of(1000)));
        assertEquals(first, rules(), "the same cap again touches nothing (same handle)");

        nft.cap(PORT_0, PacketRate.of(20_000));
        nft.cap(PORT_1, PacketRate.of(50));

        List<NftPortRule> now = rules();
        assertEquals(2, now.size(), now.toString());
        assertTrue(now.get(0).caps(PORT_0.value()) && now.get(0).holds(20_000, 2000), now.toString());
        assertTrue(now.get(0).handle() != first.get(0).handle(), "the new rule replaced the old one");
        assertTrue(now.get(1).caps(PORT_1.value()) && now.get(1).holds(50, 10), now.toString());
    }

    @Test
    void uncappingRemovesTheRuleAndTheLastOneTakesTheTableWithIt() {
        nft.uncap(PORT_0);
        assertFalse(tables().contains("isthmus-qos"), "uncapping a port never capped creates nothing");
        nft.cap(PORT_0, PacketRate.of(1000));
        nft.cap(PORT_1, PacketRate.of(1000));
        assertTrue(tables().contains("table bridge isthmus-qos"), tables());

        nft.uncap(PORT_0);
        assertEquals(List.of(PORT_1.value()), rules().stream().map(NftPortRule::port).toList());
        nft.uncap(PORT_1);
        nft.uncap(PORT_1);

        assertFalse(tables().contains("isthmus-qos"), tables());
    }

    @Test
    void retainOnlyRemovesTheCapsOfUnclaimedPortsAndAnEmptyTable() {
        nft.cap(PORT_0, PacketRate.of(1000));
        nft.cap(PORT_1, PacketRate.of(1000));

        nft.retainOnly(Set.of(PORT_1, new VifId("isvp999999990")));
        assertEquals(List.of(PORT_1.value()), rules().stream().map(NftPortRule::port).toList());

        nft.retainOnly(Set.of());
        assertFalse(tables().contains("isthmus-qos"), tables());

        must("ip", "netns", "exec", host.value(), "nft", "add", "table", "bridge", "isthmus-qos", ";", "add", "chain",
                "bridge", "isthmus-qos", "portcap", "{", "type", "filter", "hook", "forward", "priority", "0", ";",
                "}");
        nft.retainOnly(Set.of(PORT_0));
        assertFalse(tables().contains("isthmus-qos"), "an empty table left by a crash goes too: " + tables());
    }

    @Test
    void aPortThatIsNotAVmPortIsRefusedAndNothingIsCreated() {
        QosException refused = assertThrows(QosException.class, () -> nft.cap(new VifId("isbr7402"),
                PacketRate.of(1000)));

        assertTrue(refused.getMessage().contains("'isbr7402' is not a VM port"), refused.getMessage());
        assertFalse(tables().contains("isthmus-qos"), tables());
    }

    @Test
    void withoutNftACapIsUnsupportedAndRemovingOneIsANoOp() {
        String missing = "/nonexistent/isthmus-test/nft";
        NftPacketCap none = new NftPacketCap(runner, Optional.of(host), missing);
        NftPacketCap noneHere = new NftPacketCap(runner, Optional.empty(), missing);

        assertEquals(PacketCapStatus.UNSUPPORTED, none.cap(PORT_0, PacketRate.of(1000)));
        assertEquals(PacketCapStatus.UNSUPPORTED, none.cap(PORT_0, PacketRate.of(1000)));
        assertEquals(PacketCapStatus.UNSUPPORTED, noneHere.cap(PORT_0, PacketRate.of(1000)));
        none.uncap(PORT_0);
        none.retainOnly(Set.of());
        noneHere.uncap(PORT_0);

        assertFalse(tables().contains("isthmus-qos"), tables());
    }
}
