package io.isthmus.broker.domain.reservation;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import io.isthmus.broker.domain.site.SiteId;
import java.net.URI;
import java.util.Optional;

/**
 * A site or gateway that takes part in a reservation's co-allocation. Recorded before phase one so that a
 * restarted broker knows whom to commit or abort.
 */
@Embeddable
public class Participant {
    /** What the participant is. */
    public enum Role { SITE, SITE_GATEWAY, REQUESTER_GATEWAY }

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private Role role;
    @Column(name = "participant_id", nullable = false, length = 31)
    private String participantId;
    @Column(nullable = false, length = 512)
    private String endpoint;
    /** For a gateway: its tunnel (underlay) address; for a site: null. */
    @Column(name = "tunnel_address", length = 15)
    private String tunnelAddress;
    /** For a site gateway: the site it serves; for a site: itself. */
    @Column(length = 31)
    private String site;

    protected Participant() {
    }

    private Participant(Role role, String participantId, URI endpoint, String tunnelAddress, SiteId site) {
        this.role = role;
        this.participantId = participantId;
        this.endpoint = endpoint.toString();
        this.tunnelAddress = tunnelAddress;
        this.site = site == null ? null : site.value();
    }

    /** A provider site's RMS; its participant id is the site id. */
    public static Participant site(SiteId site, URI endpoint) {
        return new Participant(Role.SITE, site.value(), endpoint, null, site);
    }

    /** The gateway that serves provider site {@code site}. */
    public static Participant siteGateway(String gatewayId, URI endpoint, String tunnelAddress, SiteId site) {
        return new Participant(Role.SITE_GATEWAY, gatewayId, endpoint, tunnelAddress, site);
    }

    /** The gateway of the requester's own data centre. */
    public static Participant requesterGateway(String gatewayId, URI endpoint, String tunnelAddress) {
        return new Participant(Role.REQUESTER_GATEWAY, gatewayId, endpoint, tunnelAddress, null);
    }

    public Role role() {
        return role;
    }

    public String participantId() {
        return participantId;
    }

    public URI endpoint() {
        return URI.create(endpoint);
    }

    /** A gateway's tunnel address; none for a site. */
    public Optional<String> tunnelAddress() {
        return Optional.ofNullable(tunnelAddress);
    }

    /** The site a site or site gateway belongs to; none for the requester's gateway. */
    public Optional<SiteId> site() {
        return Optional.ofNullable(site).map(SiteId::new);
    }

    public boolean isGateway() {
        return role != Role.SITE;
    }
}
