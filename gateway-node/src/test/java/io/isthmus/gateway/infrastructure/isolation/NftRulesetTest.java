package io.isthmus.gateway.infrastructure.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.gateway.domain.isolation.IsolationPolicy;
import io.isthmus.gateway.domain.shared.GatewayId;
import io.isthmus.gateway.domain.shared.InvalidRequestException;
import io.isthmus.gateway.domain.shared.Ipv4Address;
import io.isthmus.gateway.domain.shared.Ipv6Address;
import io.isthmus.gateway.domain.tunnel.InterfaceName;
import io.isthmus.gateway.domain.tunnel.NetworkNamespace;
import io.isthmus.gateway.domain.tunnel.StitchInterfaces;
import io.isthmus.gateway.infrastructure.command.CommandFailedException;
import io.isthmus.gateway.infrastructure.command.CommandResult;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NftRulesetTest {

    private static IsolationPolicy policy(List<Ipv6Address> v6) {
        return new IsolationPolicy(new GatewayId("gw-a"),
                List.of(new Ipv4Address("198.51.100.2"), new Ipv4Address("198.51.100.10"),
                        new Ipv4Address("198.51.100.2")),
                v6, List.of(8202, 8101, 8202), StitchInterfaces.segmentPortPrefixes());
    }

    @Test
    void theTableReplacesItselfAndDropsTenantFramesToTheControlPlane() {
        assertEquals("""
                table bridge isthmus-gw-a {
                }
                delete table bridge isthmus-gw-a
                table bridge isthmus-gw-a {
                \tcomment "Isthmus gateway gw-a: tenant segments never reach its control plane"
                \tchain segment_in {
                \t\ttype filter hook prerouting priority filter; policy accept;
                \t\tiifname { "isvx*", "isgt*", "isov*", "isvl*", "ishv*" } jump tenant_frame
                \t}
                \tchain tenant_frame {
                \t\tip daddr { 198.51.100.2, 198.51.100.10 } drop
                \t\tip saddr { 198.51.100.2, 198.51.100.10 } drop
                \t\tarp daddr ip { 198.51.100.2, 198.51.100.10 } drop
                \t\tarp saddr ip { 198.51.100.2, 198.51.100.10 } drop
                \t\ttcp dport { 8101, 8202 } drop
                \t}
                \tchain host_in {
                \t\ttype filter hook input priority filter; policy accept;
                \t\tiifname { "isvx*", "isgt*", "isov*", "isvl*", "ishv*" } drop
                \t}
                \tchain host_out {
                \t\ttype filter hook output priority filter; policy accept;
                \t\toifname { "isvx*", "isgt*", "isov*", "isvl*", "ishv*" } drop
                \t}
                }
                """, NftRuleset.of(policy(List.of())));
    }

    @Test
    void accessPortsAreSegmentPortsMatchedByTheirExactNames() {
        IsolationPolicy withAccess = new IsolationPolicy(new GatewayId("gw-req"), List.of(new Ipv4Address("198.51.100.1")),
                List.of(), List.of(8201), StitchInterfaces.segmentPortPrefixes(),
                List.of(new InterfaceName("acc100"), new InterfaceName("lan.7")));
        String ruleset = NftRuleset.of(withAccess);
        String ports = "{ \"isvx*\", \"isgt*\", \"isov*\", \"isvl*\", \"ishv*\", \"acc100\", \"lan.7\" }";
        assertTrue(ruleset.contains("\t\tiifname " + ports + " jump tenant_frame\n"), ruleset);
        assertTrue(ruleset.contains("\t\tiifname " + ports + " drop\n"), ruleset);
        assertTrue(ruleset.contains("\t\toifname " + ports + " drop\n"), ruleset);
    }

    @Test
    void anIpv6ListenAddressIsProtectedToo() {
        String ruleset = NftRuleset.of(policy(List.of(new Ipv6Address("2001:db8::1"))));
        assertTrue(ruleset.contains("\t\tip6 daddr { 2001:db8:0:0:0:0:0:1 } drop\n"
                + "\t\tip6 saddr { 2001:db8:0:0:0:0:0:1 } drop\n"), ruleset);
    }

    @Test
    void onlyValidatedValuesCanReachTheRuleset() {
        assertThrows(InvalidRequestException.class, () -> new IsolationPolicy(new GatewayId("gw-a"),
                List.of(new Ipv4Address("198.51.100.2")), List.of(), List.of(8202), List.of("isvx\" drop; #")));
        assertThrows(InvalidRequestException.class, () -> new IsolationPolicy(new GatewayId("gw-a"),
                List.of(new Ipv4Address("198.51.100.2")), List.of(), List.of(70000), List.of("isvx")));
        assertThrows(InvalidRequestException.class, () -> new Ipv6Address("::1 } accept"));
        assertThrows(InvalidRequestException.class, () -> new Ipv6Address("fe80::1%eth0"));
    }

    @Test
    void nftRunsInTheGatewaysNamespaceThroughIpNetnsExec() {
        NftCommands inNs = new NftCommands(new GatewayId("gw-a"), Optional.of(new NetworkNamespace("isth-gw-a")));
        NftCommands host = new NftCommands(new GatewayId("gw-req"), Optional.empty());
        assertEquals(List.of("ip", "netns", "exec", "isth-gw-a", "nft", "-f", "-"), inNs.load());
        assertEquals(List.of("nft", "-f", "-"), host.load());
        assertEquals(List.of("nft", "delete", "table", "bridge", "isthmus-gw-req"), host.deleteTable());
        assertEquals(List.of("ip", "netns", "exec", "isth-gw-a", "nft", "list", "table", "bridge", "isthmus-gw-a"),
                inNs.listTable());
    }

    @Test
    void failuresSayWhatToDo() {
        assertEquals("nft is not installed (Debian: apt-get install nftables)", NftFailures.reason(
                failed(255, "exec of \"nft\" failed: No such file or directory\n")));
        assertEquals("Operation not permitted — the gateway needs CAP_NET_ADMIN (run as root)", NftFailures.reason(
                failed(1, "Error: Could not process rule: Operation not permitted\n")));
        assertEquals("the kernel or nft refused the bridge-family ruleset (Error: Could not process rule: Operation "
                + "not supported) — the kernel needs nf_tables with bridge-family support", NftFailures.reason(
                failed(1, "/dev/stdin:6:5-16: Error: Could not process rule: Operation not supported\n"
                        + "    meta ibrname \"isbr*\" drop\n    ^^^^^^^^^^^^\n")));
    }

    private static CommandFailedException failed(int exit, String stderr) {
        return new CommandFailedException(new CommandResult(List.of("nft", "-f", "-"), exit, "", stderr));
    }
}
