package io.isthmus.broker.application.coallocation;

import io.isthmus.broker.domain.reservation.Participant;
import io.isthmus.broker.domain.reservation.Reservation;
import io.isthmus.broker.domain.reservation.ReservedNode;
import io.isthmus.broker.domain.reservation.ReservedSegment;
import io.isthmus.broker.domain.site.HostName;
import io.isthmus.broker.domain.site.MacAddress;
import io.isthmus.broker.domain.site.OpenVpnOffer;
import io.isthmus.broker.domain.site.SegmentName;
import io.isthmus.broker.domain.site.SiteNicOrder;
import io.isthmus.broker.domain.site.SiteId;
import io.isthmus.broker.domain.site.SiteNodeOrder;
import io.isthmus.broker.domain.site.SiteRmsClient;
import io.isthmus.broker.domain.site.TxContext;
import io.isthmus.broker.domain.site.Vni;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** A provider site's resource manager in one reservation: it holds, books and runs the L1 nodes placed there. */
final class SiteParticipant implements ParticipantPort {
    private final Reservation reservation;
    private final Participant participant;
    private final SiteRmsClient sites;

    SiteParticipant(Reservation reservation, Participant participant, SiteRmsClient sites) {
        this.reservation = reservation;
        this.participant = participant;
        this.sites = sites;
    }

    @Override
    public Participant participant() {
        return participant;
    }

    @Override
    public int stage() {
        return 0;
    }

    @Override
    public Map<String, String> prepare(TxContext tx, Instant holdExpires) {
        return sites.prepare(participant.endpoint(), tx, reservation.tenant(), reservation.window(), holdExpires,
                orders(reservation, participant.site().orElseThrow()));
    }

    @Override
    public void commit(TxContext tx) {
        sites.commit(participant.endpoint(), tx);
    }

    @Override
    public void abort(TxContext tx) {
        sites.abort(participant.endpoint(), tx);
    }

    @Override
    public void activate(TxContext tx, Map<String, List<OpenVpnOffer>> offersByTunnelAddress) {
        sites.provision(participant.endpoint(), tx);
    }

    @Override
    public void deactivate(TxContext tx) {
        sites.release(participant.endpoint(), tx);
    }

    @Override
    public void terminate(TxContext tx) {
        sites.terminate(participant.endpoint(), tx);
    }

    @Override
    public List<OpenVpnOffer> openVpnOffers() {
        return List.of();
    }

    static List<SiteNodeOrder> orders(Reservation r, SiteId site) {
        List<SiteNodeOrder> orders = new ArrayList<>();
        for (ReservedNode n : r.nodes()) {
            if (n.site().equals(site)) {
                List<SiteNicOrder> nics = n.nics().stream().map(nic -> {
                    ReservedSegment segment = r.segment(nic.segment()).orElseThrow();
                    return new SiteNicOrder(new SegmentName(nic.segment()), new Vni(segment.vni()),
                            new MacAddress(nic.mac()), Optional.ofNullable(nic.ipv4()), prefixLength(segment.cidr()),
                            nic.bandwidth());
                }).toList();
                Optional<HostName> host = n.hostBinding() ? n.host() : Optional.empty();
                orders.add(new SiteNodeOrder(n.name(), n.vcpus(), n.memoryMib(), n.diskGib(), n.image(), n.nested(),
                        host, nics));
            }
        }
        return orders;
    }

    /** The prefix length of a validated CIDR such as 10.0.0.0/24; none for a segment without one. */
    static OptionalInt prefixLength(String cidr) {
        return cidr == null ? OptionalInt.empty()
                : OptionalInt.of(Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1)));
    }
}
