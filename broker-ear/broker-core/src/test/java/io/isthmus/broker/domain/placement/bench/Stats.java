package io.isthmus.broker.domain.placement.bench;

import java.util.Arrays;
import java.util.List;

/** Order statistics for the benchmark table (nearest-rank percentiles). */
final class Stats {
    private Stats() {
    }

    static double median(List<Double> values) {
        return percentile(values, 50);
    }

    static double percentile(List<Double> values, double pct) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        int rank = (int) Math.ceil(pct / 100 * v.length);
        return v[Math.max(0, Math.min(v.length - 1, rank - 1))];
    }

    static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    static String ms(double v) {
        return Double.isNaN(v) ? "–" : v < 10 ? String.format("%.2f", v) : v < 100 ? String.format("%.1f", v)
                : String.format("%.0f", v);
    }

    static String ratio(double v) {
        return Double.isNaN(v) ? "–" : Double.isInfinite(v) ? "∞" : String.format("%.2f", v);
    }

    static String pct(double v) {
        return Double.isNaN(v) ? "–" : String.format("%.1f %%", 100 * v);
    }
}
