package io.isthmus.gateway.application.stitch;

import io.isthmus.gateway.domain.shared.ConflictException;
import io.isthmus.gateway.domain.shared.GatewayId;
import io.isthmus.gateway.domain.shared.InvalidRequestException;
import io.isthmus.gateway.domain.shared.Ipv4Address;
import io.isthmus.gateway.domain.shared.ReservationId;
import io.isthmus.gateway.domain.shared.TimeWindow;
import io.isthmus.gateway.domain.shared.UnavailableException;
import io.isthmus.gateway.domain.stitch.Booking;
import io.isthmus.gateway.domain.stitch.StitchSpec;
import io.isthmus.gateway.domain.stitch.VlanId;
import io.isthmus.gateway.domain.tunnel.StitchInterfaces;
import io.isthmus.gateway.domain.tunnel.TunnelKind;
import io.isthmus.gateway.domain.tunnel.TunnelKindSupport;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Checks a prepare against what this gateway can do and what other reservations already hold. */
final class PrepareValidator {

    private final GatewayId gateway;
    private final Ipv4Address tunnelAddress;
    private final boolean hasTrunk;
    private final Set<VlanId> accessPortVlans;
    private final VlanCalendar vlans;

    PrepareValidator(GatewayProfile profile) {
        this.gateway = profile.id();
        this.tunnelAddress = profile.tunnelAddress();
        this.hasTrunk = profile.hasTrunk();
        this.accessPortVlans = profile.accessPortVlans();
        this.vlans = new VlanCalendar(profile.id(), profile.leases().teardownGrace());
    }

    void validate(ReservationId id, TimeWindow window, Instant holdExpires, Instant now, List<StitchSpec> specs,
                  List<TunnelKindSupport> kinds, Optional<String> vlanProblem, List<Booking> others) {
        if (specs.isEmpty()) {
            throw new InvalidRequestException("prepare for reservation " + id + " carries no stitch");
        }
        if (!holdExpires.isAfter(now)) {
            throw new InvalidRequestException("holdExpires " + holdExpires + " of reservation " + id
                    + " is not in the future: send a hold time after " + now);
        }
        if (!window.end().isAfter(now)) {
            throw new InvalidRequestException("the window " + window + " of reservation " + id + " ended before now ("
                    + now + "): send a window that has not ended");
        }
        checkWithinRequest(specs);
        for (StitchSpec spec : specs) {
            checkKind(spec.kind(), kinds);
            checkShape(spec);
            checkVlanSupport(spec, vlanProblem);
            checkVni(spec, others);
            vlans.requireFree(spec, window, others);
        }
    }

    private void checkWithinRequest(List<StitchSpec> specs) {
        Set<Integer> vnis = new HashSet<>();
        Set<VlanId> vlans = new HashSet<>();
        for (StitchSpec spec : specs) {
            if (!vnis.add(spec.vni().value())) {
                throw new InvalidRequestException("VNI " + spec.vni() + " appears twice in one prepare: "
                        + "send one stitch per segment");
            }
            if (spec.localVlan().isPresent() && !vlans.add(spec.localVlan().get())) {
                throw new InvalidRequestException("local VLAN " + spec.localVlan().get()
                        + " appears twice in one prepare: each segment needs its own VLAN on the trunk");
            }
        }
    }

    private void checkKind(TunnelKind kind, List<TunnelKindSupport> kinds) {
        Optional<TunnelKindSupport> support = kinds.stream().filter(k -> k.kind() == kind).findFirst();
        if (support.isEmpty() || !support.get().available()) {
            String why = support.flatMap(TunnelKindSupport::reason).orElse("no driver for it");
            throw new UnavailableException("tunnel kind " + kind + " is not available at gateway " + gateway
                    + ": " + why);
        }
    }

    private void checkShape(StitchSpec spec) {
        if (spec.peers().contains(tunnelAddress)) {
            throw new InvalidRequestException("segment " + spec.segment() + " names this gateway's own tunnel address "
                    + tunnelAddress + " as a peer: list only the other gateways");
        }
        if (spec.kind() == TunnelKind.GRETAP && spec.peers().size() != 1) {
            throw new InvalidRequestException("a gretap stitch reaches exactly one peer; segment " + spec.segment()
                    + " names " + spec.peers().size() + ": use vxlan for several peers");
        }
        if (spec.kind() == TunnelKind.OPENVPN && spec.peers().size() > StitchInterfaces.MAX_OPENVPN_PEERS) {
            throw new InvalidRequestException("an openvpn stitch reaches at most " + StitchInterfaces.MAX_OPENVPN_PEERS
                    + " peers (one TAP each); segment " + spec.segment() + " names " + spec.peers().size());
        }
    }

    /**
     * A tenant VLAN comes from the trunk (an 802.1Q sub-interface) when the kernel can tag, otherwise from the
     * access port configured for it; with neither, the gateway cannot deliver it.
     */
    private void checkVlanSupport(StitchSpec spec, Optional<String> vlanProblem) {
        if (spec.localVlan().isEmpty() || accessPortVlans.contains(spec.localVlan().get())) {
            return;
        }
        VlanId vlan = spec.localVlan().get();
        if (!hasTrunk) {
            throw new InvalidRequestException("gateway " + gateway + " cannot deliver VLAN " + vlan + " of segment "
                    + spec.segment() + ": it has no trunk (gateway.trunk) and no access port for VLAN " + vlan
                    + " (gateway.accessPorts, e.g. " + vlan + ":acc" + vlan + ")");
        }
        if (vlanProblem.isPresent()) {
            throw new UnavailableException("gateway " + gateway + " cannot bridge VLAN " + vlan
                    + " of segment " + spec.segment() + " from its trunk: " + vlanProblem.get()
                    + " (or configure an access port for VLAN " + vlan + " in gateway.accessPorts)");
        }
    }

    /** VNIs are unique in the federation (the broker allocates them): one is held by one reservation at a time. */
    private void checkVni(StitchSpec spec, List<Booking> others) {
        for (Booking other : others) {
            if (other.specUsingVni(spec.vni()).isPresent()) {
                throw new ConflictException("VNI " + spec.vni() + " (segment " + spec.segment()
                        + ") is already held at gateway " + gateway + " by reservation " + other.reservationId());
            }
        }
    }
}
