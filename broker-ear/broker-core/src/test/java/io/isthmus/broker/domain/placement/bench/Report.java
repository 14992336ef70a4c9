package io.isthmus.broker.domain.placement.bench;

import io.isthmus.broker.domain.placement.bench.PlacementBenchmark.ExactRun;
import io.isthmus.broker.domain.placement.bench.PlacementBenchmark.SizeResult;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** The benchmark's Markdown tables. */
final class Report {
    private static final double WITHIN = 0.05;

    private Report() {
    }

    static void print(PrintStream out, List<SizeResult> results) {
        out.println("## Speed and cut: partitioning engine (heuristic) vs annealing baseline");
        out.println();
        out.println("| nodes | links | sites × hosts | instances | placed heur / ann | heur median ms | heur p95 ms "
                + "| ann median ms | ann p95 ms | speed ratio ann/heur (median, min) | heur median cut Mbit/s "
                + "| ann median cut Mbit/s | cut ratio heur/ann (median, max) | heur cut ≤ ann cut |");
        out.println("|---:|---:|---|---:|---|---:|---:|---:|---:|---|---:|---:|---|---:|");
        for (SizeResult r : results) {
            speedRow(out, r);
        }
        out.println();
        out.println("Speed ratio: per instance, annealing time / heuristic time. Cut ratio: per instance, heuristic "
                + "objective / annealing objective (site costs are 0, so the objective is the cut), over instances "
                + "both placed; 1 when both are 0.");
        out.println();
        out.println("## At an equal or better cut: annealing run longer until it matches the heuristic");
        out.println();
        out.println("| nodes | instances | matched (by ×16) | heur median ms | ann median ms to match | speed ratio at "
                + "equal cut (median, min) | unmatched: ann ms at ×16 (median) |");
        out.println("|---:|---:|---|---:|---:|---|---:|");
        for (SizeResult r : results) {
            equalCutRow(out, r);
        }
        out.println();
        out.println("Annealing is rerun with 4× and 16× the moves per temperature until its objective is no worse "
                + "than the heuristic's; the ratio is that run's time / the heuristic's time, over matched instances. "
                + "An instance unmatched at ×16 has no ratio (the heuristic is better than annealing could get "
                + "there); its ×16 time is listed.");
        if (results.stream().anyMatch(r -> !r.exact.isEmpty())) {
            out.println();
            out.println("## Gap to the exact optimum (branch-and-bound started from the heuristic's placement)");
            out.println();
            out.println("| nodes | instances | feasible | proven optimal | unproven (budget) | heur within 5 % "
                    + "| heur = optimum | median gap | p95 gap | max gap | exact median ms | exact p95 ms |");
            out.println("|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|");
            for (SizeResult r : results) {
                if (!r.exact.isEmpty()) {
                    gapRow(out, r);
                }
            }
            out.println();
            out.println("Gap = (heuristic − optimum) / optimum on the objective, 0 when both are 0, over proven "
                    + "instances where both placed. \"Within 5 %\" counts those proven instances; an instance the "
                    + "heuristic refused but the exact search placed counts as a miss.");
        }
    }

    private static void equalCutRow(PrintStream out, SizeResult r) {
        List<Double> heurMs = new ArrayList<>();
        List<Double> annMs = new ArrayList<>();
        List<Double> ratio = new ArrayList<>();
        List<Double> unmatchedMs = new ArrayList<>();
        int placed = 0;
        int matched = 0;
        for (int i = 0; i < r.heuristic.size(); i++) {
            Run h = r.heuristic.get(i);
            PlacementBenchmark.EqualCut e = r.equalCut.get(i);
            if (!h.placed()) {
                continue;
            }
            placed++;
            heurMs.add(h.millis());
            if (e.matched()) {
                matched++;
                annMs.add(e.millis());
                ratio.add(e.millis() / h.millis());
            } else {
                unmatchedMs.add(e.millis());
            }
        }
        out.printf("| %d | %d | %d / %d | %s | %s | %s× (%s×) | %s |%n", r.preset.nodes(), r.heuristic.size(), matched,
                placed, Stats.ms(Stats.median(heurMs)), Stats.ms(Stats.median(annMs)), Stats.ratio(Stats.median(ratio)),
                Stats.ratio(ratio.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN)),
                Stats.ms(Stats.median(unmatchedMs)));
    }

    private static void speedRow(PrintStream out, SizeResult r) {
        List<Double> heurMs = new ArrayList<>();
        List<Double> annMs = new ArrayList<>();
        List<Double> heurCut = new ArrayList<>();
        List<Double> annCut = new ArrayList<>();
        List<Double> speed = new ArrayList<>();
        List<Double> cutRatio = new ArrayList<>();
        int heurPlaced = 0;
        int annPlaced = 0;
        int notWorse = 0;
        int both = 0;
        for (int i = 0; i < r.heuristic.size(); i++) {
            Run h = r.heuristic.get(i);
            Run a = r.annealing.get(i);
            heurPlaced += h.placed() ? 1 : 0;
            annPlaced += a.placed() ? 1 : 0;
            if (h.placed()) {
                heurMs.add(h.millis());
                heurCut.add(h.cut());
            }
            if (a.placed()) {
                annMs.add(a.millis());
                annCut.add(a.cut());
            }
            if (h.placed() && a.placed()) {
                both++;
                speed.add(a.millis() / h.millis());
                cutRatio.add(h.objective() <= 1e-6 && a.objective() <= 1e-6 ? 1 : h.objective() / a.objective());
                notWorse += h.objective() <= a.objective() + 1e-6 ? 1 : 0;
            }
        }
        SiteParams sp = r.preset.sites();
        out.printf("| %d | %d | %d × %d | %d | %d / %d | %s | %s | %s | %s | %s× (%s×) | %.0f | %.0f | %s (%s) | %d / %d |%n",
                r.preset.nodes(), r.preset.vi().links(), sp.sites(), sp.hostsPerSite(), r.heuristic.size(), heurPlaced,
                annPlaced, Stats.ms(Stats.median(heurMs)), Stats.ms(Stats.percentile(heurMs, 95)),
                Stats.ms(Stats.median(annMs)), Stats.ms(Stats.percentile(annMs, 95)), Stats.ratio(Stats.median(speed)),
                Stats.ratio(speed.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN)),
                Stats.median(heurCut), Stats.median(annCut), Stats.ratio(Stats.median(cutRatio)),
                Stats.ratio(Stats.max(cutRatio)), notWorse, both);
    }

    private static void gapRow(PrintStream out, SizeResult r) {
        List<Double> gaps = new ArrayList<>();
        List<Double> ms = new ArrayList<>();
        int feasible = 0;
        int proven = 0;
        int unproven = 0;
        int within = 0;
        int equal = 0;
        int provenCounted = 0;
        for (int i = 0; i < r.exact.size(); i++) {
            ExactRun e = r.exact.get(i);
            Run h = r.heuristic.get(i);
            ms.add(e.millis());
            feasible += e.placed() ? 1 : 0;
            if (!e.proven()) {
                unproven++;
                continue;
            }
            proven++;
            if (!e.placed()) {
                continue;
            }
            provenCounted++;
            if (!h.placed()) {
                continue;
            }
            double gap = h.objective() <= 1e-6 && e.objective() <= 1e-6 ? 0
                    : (h.objective() - e.objective()) / e.objective();
            gaps.add(gap);
            within += gap <= WITHIN + 1e-9 ? 1 : 0;
            equal += gap <= 1e-9 ? 1 : 0;
        }
        out.printf("| %d | %d | %d | %d | %d | %d / %d (%s) | %d | %s | %s | %s | %s | %s |%n", r.preset.nodes(),
                r.exact.size(), feasible, proven, unproven, within, provenCounted,
                Stats.pct(provenCounted == 0 ? Double.NaN : (double) within / provenCounted), equal,
                Stats.pct(Stats.median(gaps)), Stats.pct(Stats.percentile(gaps, 95)), Stats.pct(Stats.max(gaps)),
                Stats.ms(Stats.median(ms)), Stats.ms(Stats.percentile(ms, 95)));
    }
}
