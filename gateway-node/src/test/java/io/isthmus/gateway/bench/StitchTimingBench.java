package io.isthmus.gateway.bench;

import io.isthmus.gateway.domain.tunnel.TunnelKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Times the stitch use cases of two real gateways for N segments, as one reservation of N stitches and as N
 * reservations of one: prepare+commit at both, stitch at both (the call returned), for openvpn (and vxlan up to
 * {@code --ping-up-to} segments) until every segment carries a ping, then unstitch+abort at both. Each sample
 * checks that the stitch made its interfaces (and openvpn processes) and the release removed them all.
 */
final class StitchTimingBench {

    /** Milliseconds of one cycle; {@code allPinged} counts from the start of the stitch calls. */
    record Sample(double prepareCommit, double stitch, Optional<Double> allPinged, double release) {
    }

    record Row(TunnelKind kind, int segments, String shape, List<Sample> samples) {
    }

    private static final int PING_TIMEOUT_SECONDS = 60;

    private final BenchOptions options;
    private final Cleanup cleanup;
    private final Path dataDir;

    StitchTimingBench(BenchOptions options, Cleanup cleanup, Path dataDir) {
        this.options = options;
        this.cleanup = cleanup;
        this.dataDir = dataDir;
    }

    List<Row> run() {
        List<Row> rows = new ArrayList<>(rows(TunnelKind.VXLAN, options.vxlanSizes(), 6000));
        rows.addAll(rows(TunnelKind.OPENVPN, options.openvpnSizes(), 7000));
        return rows;
    }

    private List<Row> rows(TunnelKind kind, List<Integer> sizes, int firstVni) {
        if (sizes.isEmpty()) {
            return List.of();
        }
        GatewayPair pair = cleanup.register(new GatewayPair(dataDir.resolve("stitch-" + kind.wireName())));
        try {
            SegmentTenants tenants = new SegmentTenants(pair);
            PairStitching stitching = new PairStitching(pair, kind);
            tenants.ensure(1);
            cycle(pair, tenants, stitching, kind, PairStitching.oneReservation(List.of(firstVni)), true);
            List<Row> rows = new ArrayList<>();
            for (int n : sizes) {
                List<Integer> vnis = IntStream.range(firstVni, firstVni + n).boxed().toList();
                boolean ping = kind == TunnelKind.OPENVPN || n <= options.pingUpTo();
                if (ping) {
                    tenants.ensure(n);
                }
                rows.add(row(pair, tenants, stitching, kind, vnis, ping, true));
                if (n > 1) {
                    rows.add(row(pair, tenants, stitching, kind, vnis, ping, false));
                }
            }
            return rows;
        } finally {
            cleanup.close(pair);
        }
    }

    private Row row(GatewayPair pair, SegmentTenants tenants, PairStitching stitching, TunnelKind kind,
                    List<Integer> vnis, boolean ping, boolean together) {
        String shape = together ? "1 reservation × " + vnis.size() : vnis.size() + " reservations × 1";
        List<Sample> samples = new ArrayList<>();
        for (int r = 0; r < options.repeats(); r++) {
            List<PairStitching.Reservation> reservations = together ? PairStitching.oneReservation(vnis)
                    : PairStitching.reservationEach(vnis);
            Sample s = cycle(pair, tenants, stitching, kind, reservations, ping);
            System.err.printf("bench: %s %s, repeat %d: prepare+commit %.0f ms, stitch %.0f ms, all pinged %s,"
                    + " release %.0f ms%n", kind.wireName(), shape, r + 1, s.prepareCommit(), s.stitch(),
                    s.allPinged().map(p -> String.format("%.0f ms", p)).orElse("-"), s.release());
            samples.add(s);
        }
        return new Row(kind, vnis.size(), shape, samples);
    }

    private Sample cycle(GatewayPair pair, SegmentTenants tenants, PairStitching stitching, TunnelKind kind,
                         List<PairStitching.Reservation> reservations, boolean ping) {
        List<Integer> vnis = reservations.stream().flatMap(r -> r.vnis.stream()).toList();
        long t0 = System.nanoTime();
        stitching.prepareAndCommit(reservations);
        long t1 = System.nanoTime();
        stitching.stitch(reservations);
        long t2 = System.nanoTime();
        Optional<Double> allPinged = Optional.empty();
        if (ping) {
            tenants.attach(vnis);
            allPinged = Optional.of(Collections.max(PingWatch.firstAnswers(tenants.namespace(0),
                    SegmentTenants.farAddresses(vnis.size()), t1, PING_TIMEOUT_SECONDS)));
        }
        expect(pair, kind, vnis.size());
        long t3 = System.nanoTime();
        stitching.unstitchAndAbort(reservations);
        long t4 = System.nanoTime();
        expect(pair, kind, 0);
        return new Sample(ms(t0, t1), ms(t1, t2), allPinged, ms(t3, t4));
    }

    /** Per gateway and segment: a bridge and a vxlan interface, or a bridge, a TAP and one openvpn process. */
    private static void expect(GatewayPair pair, TunnelKind kind, int segments) {
        for (int gw = 0; gw < 2; gw++) {
            int links = pair.managedLinks(gw);
            long processes = pair.openvpnProcesses(gw);
            long expectedProcesses = kind == TunnelKind.OPENVPN ? segments : 0;
            if (links != 2 * segments || processes != expectedProcesses) {
                throw new IllegalStateException("gateway gw-" + gw + " has " + links + " managed links and "
                        + processes + " openvpn processes with " + segments + " " + kind.wireName()
                        + " segments stitched; expected " + 2 * segments + " and " + expectedProcesses
                        + ": the measurement is void");
            }
        }
    }

    private static double ms(long from, long to) {
        return (to - from) / 1e6;
    }
}
