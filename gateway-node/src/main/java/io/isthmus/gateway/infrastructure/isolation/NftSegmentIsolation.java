package io.isthmus.gateway.infrastructure.isolation;

import io.isthmus.gateway.domain.isolation.IsolationPolicy;
import io.isthmus.gateway.domain.isolation.IsolationStatus;
import io.isthmus.gateway.domain.isolation.SegmentIsolation;
import io.isthmus.gateway.domain.shared.UnavailableException;
import io.isthmus.gateway.infrastructure.command.CommandFailedException;
import io.isthmus.gateway.infrastructure.command.CommandRunner;

/**
 * Isolation with nftables: loads {@link NftRuleset} as the table {@code bridge isthmus-<gateway id>}. Loading it is also the
 * probe: when nft is missing or the kernel refuses a rule, the gateway runs without isolation and says why.
 */
public final class NftSegmentIsolation implements SegmentIsolation {

    private static final System.Logger LOG = System.getLogger(NftSegmentIsolation.class.getName());

    private final IsolationPolicy policy;
    private final CommandRunner runner;
    private final NftCommands nft;
    private volatile IsolationStatus status = IsolationStatus.unavailable("the isolation rules are not applied yet");

    public NftSegmentIsolation(IsolationPolicy policy, CommandRunner runner, NftCommands nft) {
        this.policy = policy;
        this.runner = runner;
        this.nft = nft;
    }

    @Override
    public synchronized IsolationStatus apply() {
        try {
            runner.run(nft.load(), NftRuleset.of(policy));
            status = IsolationStatus.inForce();
            LOG.log(System.Logger.Level.INFO, "gateway {0}: isolation active{1}: frames on segment ports {2}* to or"
                    + " from {3} {4} and TCP to ports {5} are dropped; the gateway takes no frames from a segment",
                    policy.gateway(), where(), policy.portPrefixes(), policy.ipv4(), policy.ipv6(), policy.tcpPorts());
        } catch (CommandFailedException e) {
            status = IsolationStatus.unavailable(NftFailures.reason(e));
            LOG.log(System.Logger.Level.WARNING, "gateway {0}: tenant isolation UNAVAILABLE{1}: {2}; tenants on "
                    + "stitched segments may reach this gateway''s addresses and service ports", policy.gateway(),
                    where(), status.reason().orElseThrow());
        }
        return status;
    }

    @Override
    public synchronized void remove() {
        try {
            runner.run(nft.deleteTable());
            LOG.log(System.Logger.Level.INFO, "gateway {0}: isolation table {1} {2} removed", policy.gateway(),
                    NftRuleset.FAMILY, nft.table());
        } catch (CommandFailedException e) {
            if (!NftFailures.isAbsent(e)) {
                throw new UnavailableException("gateway " + policy.gateway() + " cannot remove nftables table "
                        + NftRuleset.FAMILY + " " + nft.table() + where() + ": " + NftFailures.reason(e)
                        + " (remove it with: nft delete table " + NftRuleset.FAMILY + " " + nft.table() + ")", e);
            }
        }
        status = IsolationStatus.unavailable("the isolation rules were removed (gateway stopped)");
    }

    @Override
    public IsolationStatus status() {
        return status;
    }

    private String where() {
        return nft.netns().map(ns -> " in network namespace " + ns).orElse("");
    }
}
