package io.isthmus.gateway.infrastructure.isolation;

import io.isthmus.gateway.domain.shared.GatewayId;
import io.isthmus.gateway.domain.tunnel.NetworkNamespace;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code nft} argument arrays, run in the gateway's network namespace ({@code ip netns exec}, since nft has
 * no namespace option) when it has one.
 */
public final class NftCommands {

    private final String table;
    private final Optional<NetworkNamespace> netns;

    /** Commands for {@code gateway}'s table. */
    public NftCommands(GatewayId gateway, Optional<NetworkNamespace> netns) {
        this.table = NftRuleset.table(gateway);
        this.netns = netns;
    }

    public String table() {
        return table;
    }

    public Optional<NetworkNamespace> netns() {
        return netns;
    }

    /** Loads a ruleset given on stdin, all of it or nothing. */
    public List<String> load() {
        return nft("-f", "-");
    }

    public List<String> deleteTable() {
        return nft("delete", "table", NftRuleset.FAMILY, table);
    }

    public List<String> listTable() {
        return nft("list", "table", NftRuleset.FAMILY, table);
    }

    private List<String> nft(String... args) {
        List<String> argv = new ArrayList<>();
        netns.ifPresent(ns -> argv.addAll(List.of("ip", "netns", "exec", ns.value())));
        argv.add("nft");
        argv.addAll(List.of(args));
        return List.copyOf(argv);
    }
}
