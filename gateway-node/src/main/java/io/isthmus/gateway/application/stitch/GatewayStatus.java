package io.isthmus.gateway.application.stitch;

import io.isthmus.gateway.domain.shared.GatewayId;
import io.isthmus.gateway.domain.shared.Ipv4Address;
import io.isthmus.gateway.domain.stitch.Booking;
import io.isthmus.gateway.domain.tunnel.TunnelKindSupport;
import java.util.List;

/** What {@code status} reports: who this gateway is, which tunnel kinds work here and the bookings asked for. */
public record GatewayStatus(GatewayId gateway, Ipv4Address tunnelAddress, List<TunnelKindSupport> kinds,
                            List<Booking> bookings) {

    public GatewayStatus {
        kinds = List.copyOf(kinds);
        bookings = List.copyOf(bookings);
    }
}
