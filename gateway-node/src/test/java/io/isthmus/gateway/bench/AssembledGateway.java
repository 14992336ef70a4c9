package io.isthmus.gateway.bench;

import io.isthmus.gateway.GatewayConfig;
import io.isthmus.gateway.GatewayParts;
import io.isthmus.gateway.application.stitch.StitchService;
import io.isthmus.gateway.domain.isolation.SegmentIsolation;
import io.isthmus.gateway.domain.stitch.BookingRepository;
import java.time.Clock;

/**
 * A gateway wired exactly as {@code GatewayServer} wires it ({@link GatewayParts#assemble}: the real data plane,
 * tunnel drivers, openvpn credentials and nftables isolation), without its SOAP endpoint.
 */
record AssembledGateway(StitchService service, SegmentIsolation isolation) {

    static AssembledGateway assemble(GatewayConfig config, BookingRepository bookings, Clock clock) {
        GatewayParts parts = GatewayParts.assemble(config, bookings, clock);
        return new AssembledGateway(parts.service(), parts.isolation());
    }
}
