package io.isthmus.gateway.bench;

import io.isthmus.gateway.domain.tunnel.TunnelKind;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/** The benchmark's Markdown: the throughput table with the MTU findings, then the stitch-time table. */
final class Report {

    private static final double TARGET_PERCENT = 80;

    private final PrintStream out;

    Report(PrintStream out) {
        this.out = out;
    }

    void throughput(List<ThroughputBench.Row> rows, int seconds, int omit) {
        out.printf("## Throughput (iperf3 TCP, %d s after %d s omitted, median of %d runs)%n%n", seconds, omit,
                rows.isEmpty() ? 0 : rows.get(0).runs().size());
        out.println("| path | tenant MTU | gateway bridge MTU | largest DF packet crossing | Mbit/s (median) "
                + "| runs Mbit/s | retransmits (median) | % of direct veth (same MTU) |");
        out.println("|---|---:|---:|---:|---:|---|---:|---:|");
        for (ThroughputBench.Row r : rows) {
            double mbps = median(r.runs(), Iperf3.Result::mbps);
            out.printf(Locale.ROOT, "| %s | %d | %s | %d | %.0f | %s | %.0f | %s |%n", r.path(), r.tenantMtu(),
                    r.bridgeMtu() == 0 ? "—" : Integer.toString(r.bridgeMtu()), r.largestPacket(), mbps,
                    String.join(", ", r.runs().stream().map(x -> String.format(Locale.ROOT, "%.0f", x.mbps())).toList()),
                    median(r.runs(), x -> x.retransmits()),
                    direct(rows, r.tenantMtu()).map(d -> percent(mbps, d)).orElse("—"));
        }
        out.println();
        for (ThroughputBench.Row r : rows) {
            if (r.largestPacket() < r.tenantMtu()) {
                out.printf("- **Finding:** %s with tenant MTU %d: IPv4 packets above %d bytes (DF) do not cross; the"
                        + " gateway bridge's MTU is %s, and a bridge drops a frame larger than its egress port's MTU"
                        + " without telling the sender.%n", r.path(), r.tenantMtu(),
                        r.largestPacket(), r.bridgeMtu() == 0 ? "—" : Integer.toString(r.bridgeMtu()));
            }
        }
        for (ThroughputBench.Row r : rows) {
            if (r.path().startsWith(TunnelKind.VXLAN.wireName())) {
                Optional<Double> d = direct(rows, r.tenantMtu());
                d.ifPresent(v -> out.printf(Locale.ROOT, "- Target (VXLAN ≥ %.0f %% of direct veth) at tenant MTU %d: "
                        + "%s — %s.%n", TARGET_PERCENT, r.tenantMtu(), percent(median(r.runs(), Iperf3.Result::mbps),
                        v), 100 * median(r.runs(), Iperf3.Result::mbps) / v >= TARGET_PERCENT ? "met" : "NOT met"));
            }
        }
        out.println();
    }

    void stitch(List<StitchTimingBench.Row> rows) {
        out.printf("## Stitch time (two gateways, calls in the broker's order, median of %d)%n%n",
                rows.isEmpty() ? 0 : rows.get(0).samples().size());
        out.println("| kind | segments | shape | prepare+commit ms | stitch returned ms | every segment pinged ms "
                + "(from stitch) | per segment ms (prepare+commit+stitch) / N | unstitch+abort ms |");
        out.println("|---|---:|---|---:|---:|---:|---:|---:|");
        for (StitchTimingBench.Row r : rows) {
            List<StitchTimingBench.Sample> s = r.samples();
            double prepare = median(s, StitchTimingBench.Sample::prepareCommit);
            double stitch = median(s, StitchTimingBench.Sample::stitch);
            List<StitchTimingBench.Sample> pinged = s.stream().filter(x -> x.allPinged().isPresent()).toList();
            String ping = pinged.isEmpty() ? "—" : fmt(median(pinged, x -> x.allPinged().orElseThrow()));
            out.printf(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s | %s |%n", r.kind().wireName(), r.segments(),
                    r.shape(), fmt(prepare), fmt(stitch), ping,
                    fmt(median(s, x -> (x.prepareCommit() + x.stitch()) / r.segments())),
                    fmt(median(s, StitchTimingBench.Sample::release)));
        }
        out.println();
    }

    private static Optional<Double> direct(List<ThroughputBench.Row> rows, int mtu) {
        return rows.stream().filter(r -> r.path().startsWith("direct") && r.tenantMtu() == mtu).findFirst()
                .map(r -> median(r.runs(), Iperf3.Result::mbps));
    }

    private static String percent(double mbps, double direct) {
        return String.format(Locale.ROOT, "%.0f %%", 100 * mbps / direct);
    }

    private static String fmt(double ms) {
        return ms >= 100 ? String.format(Locale.ROOT, "%.0f", ms) : String.format(Locale.ROOT, "%.1f", ms);
    }

    static <T> double median(List<T> values, ToDoubleFunction<T> f) {
        List<Double> sorted = new ArrayList<>(values.stream().map(f::applyAsDouble).sorted().toList());
        int n = sorted.size();
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
