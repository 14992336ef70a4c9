package io.isthmus.rms;

import io.isthmus.rms.domain.reservation.NicSpec;
import io.isthmus.rms.domain.reservation.ReservationId;
import io.isthmus.rms.domain.reservation.TransactionId;
import io.isthmus.rms.domain.segment.MacAddress;
import io.isthmus.rms.domain.segment.Vni;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Child process of {@link ProvisionKilledMidwayComponentTest}: an RMS on the configuration file {@code args[0]}
 * (armed with {@code site.fault.killAtFile}) that prepares, commits and provisions reservation {@code args[1]}
 * (transaction {@code args[2]}) with {@link #NODE_A} on a1 and {@link #NODE_B} on a2. Prints {@code provisioned}
 * only if it was not killed on the way.
 */
public final class ProvisionUntilKilled {

    static final Vni LAN = new Vni(7311);
    static final String NODE_A = "vm-a";
    static final String NODE_B = "vm-b";
    static final String MAC_A = "52:54:00:7f:00:0a";
    static final String MAC_B = "52:54:00:7f:00:0b";
    static final String IP_B = "10.73.11.2";

    private ProvisionUntilKilled() {
    }

    public static void main(String[] args) {
        ReservationId id = new ReservationId(args[1]);
        TransactionId tx = new TransactionId(args[2]);
        Instant now = Instant.now();
        try (RmsComponents site = RmsComponents.open(RmsConfig.load(Path.of(args[0])), Clock.systemUTC())) {
            site.holds().prepare(TestSite.prepare(id, tx, now,
                    TestSite.node(NODE_A, 2, 4096, false, Optional.of("a1"), nic(MAC_A, "10.73.11.1")),
                    TestSite.node(NODE_B, 2, 4096, false, Optional.of("a2"), nic(MAC_B, IP_B))));
            site.holds().commit(id, tx);
            site.lifecycle().provision(id, tx);
        }
        System.out.println("provisioned");
    }

    static NicSpec nic(String mac, String ipv4) {
        return new NicSpec("lan", LAN, new MacAddress(mac), Optional.of(ipv4));
    }
}
