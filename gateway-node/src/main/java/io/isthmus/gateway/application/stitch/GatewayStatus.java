package io.isthmus.gateway.application.stitch;

import io.isthmus.gateway.domain.isolation.IsolationStatus;
import io.isthmus.gateway.domain.shared.GatewayId;
import io.isthmus.gateway.domain.shared.Ipv4Address;
import io.isthmus.gateway.domain.stitch.Booking;
import io.isthmus.gateway.domain.tunnel.TunnelKindSupport;
import java.util.List;

/**
 * What {@code status} reports: who this gateway is, which tunnel kinds work here, whether tenant isolation is in
 * force and the bookings asked for.
 */
public record GatewayStatus(GatewayId gateway, Ipv4Address tunnelAddress, List<TunnelKindSupport> kinds,
                            IsolationStatus isolation, List<Booking> bookings) {

    public GatewayStatus {
        kinds = List.copyOf(kinds);
        bookings = List.copyOf(bookings);
    }
}
