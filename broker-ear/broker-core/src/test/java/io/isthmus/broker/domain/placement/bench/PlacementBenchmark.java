package io.isthmus.broker.domain.placement.bench;

import io.isthmus.broker.domain.placement.AnnealingPlacementEngine;
import io.isthmus.broker.domain.placement.ExactPlacementEngine;
import io.isthmus.broker.domain.placement.PartitioningPlacementEngine;
import io.isthmus.broker.domain.placement.Placement;
import io.isthmus.broker.domain.placement.PlacementEngine;
import io.isthmus.broker.domain.placement.PlacementRefusedException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The placement benchmark (a program, not a test): for each size, generated instances placed by the partitioning
 * engine (the broker's), the annealing baseline and, up to {@code --exact-up-to} nodes, the exact solver; prints
 * Markdown tables of time, cut, ratio against annealing and gap to the optimum, with the JVM and machine.
 *
 * <p>Options: {@code --sizes=10,30,100,1000} (preset node counts), {@code --instances=50,50,20,15} (per size),
 * {@code --seed=1}, {@code --exact-up-to=30}, {@code --exact-budget=5000000} (branches per instance). Run it with
 * {@code examples/bench-placement.sh}.
 */
public final class PlacementBenchmark {
    private final Options options;
    private final PrintStream out;

    private PlacementBenchmark(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) {
        Options options = Options.parse(args);
        new PlacementBenchmark(options, System.out).run();
    }

    private void run() {
        out.println("# Placement benchmark");
        out.println();
        out.println(machine());
        out.println();
        out.println("Options: " + options);
        out.println();
        warmUp();
        List<SizeResult> results = new ArrayList<>();
        for (int i = 0; i < options.sizes().length; i++) {
            Preset preset = Preset.ofNodes(options.sizes()[i]);
            SizeResult r = new SizeResult(preset);
            for (int n = 0; n < options.instances()[i]; n++) {
                measure(r, InstanceGenerator.instance(preset, options.seed() * 1_000_003L + n));
            }
            System.err.println("done: " + preset + " " + r.heuristic.size() + " instances");
            results.add(r);
        }
        Report.print(out, results);
    }

    /** Compiles the hot paths of all three engines before anything is timed (instances not reused later). */
    private void warmUp() {
        long start = System.nanoTime();
        for (int i = 0; i < 30; i++) {
            Instance small = InstanceGenerator.instance(Preset.NODES_30, -1 - i);
            attempt(new PartitioningPlacementEngine(), small);
            attempt(new AnnealingPlacementEngine(), small);
            if (i < 10) {
                try {
                    new ExactPlacementEngine(200_000).solve(small.vi(), small.substrate());
                } catch (PlacementRefusedException ignored) {
                    // a refusal warms the same code
                }
            }
        }
        for (int i = 0; i < 5; i++) {
            Instance medium = InstanceGenerator.instance(Preset.NODES_100, -100 - i);
            attempt(new PartitioningPlacementEngine(), medium);
            attempt(new AnnealingPlacementEngine(), medium);
        }
        if (Arrays.stream(options.sizes()).anyMatch(s -> s >= 1000)) {
            for (int i = 0; i < 3; i++) {
                attempt(new PartitioningPlacementEngine(), InstanceGenerator.instance(Preset.NODES_1000, -1000 - i));
            }
        }
        System.err.printf("warm-up: %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    private void measure(SizeResult r, Instance instance) {
        Run heuristic = attempt(new PartitioningPlacementEngine(), instance);
        Run annealing = attempt(new AnnealingPlacementEngine(), instance);
        r.heuristic.add(heuristic);
        r.annealing.add(annealing);
        r.equalCut.add(annealingToEqualCut(instance, heuristic, annealing));
        if (r.preset.nodes() <= options.exactUpTo()) {
            r.exact.add(exact(instance, heuristic));
        }
    }

    /**
     * The annealing baseline run longer (×4, ×16 moves per temperature) until its objective is no worse than the
     * heuristic's: the time of the first run that gets there, or of the longest run (marked unmatched) if none does.
     */
    private EqualCut annealingToEqualCut(Instance instance, Run heuristic, Run baseline) {
        if (!heuristic.placed()) {
            return new EqualCut(Double.NaN, 0, false);
        }
        Run run = baseline;
        double effort = 1;
        while (!(run.placed() && run.objective() <= heuristic.objective() + 1e-6) && effort < MAX_EFFORT) {
            effort *= 4;
            run = attempt(new AnnealingPlacementEngine(AnnealingPlacementEngine.DEFAULT_SEED, effort), instance);
        }
        return new EqualCut(run.millis(), effort, run.placed() && run.objective() <= heuristic.objective() + 1e-6);
    }

    private static final double MAX_EFFORT = 16;

    private Run attempt(PlacementEngine engine, Instance instance) {
        long start = System.nanoTime();
        try {
            Placement p = engine.place(instance.vi(), instance.substrate());
            return new Run((System.nanoTime() - start) / 1e6, Optional.of(p));
        } catch (PlacementRefusedException refused) {
            return new Run((System.nanoTime() - start) / 1e6, Optional.empty());
        }
    }

    private ExactRun exact(Instance instance, Run heuristic) {
        ExactPlacementEngine engine = new ExactPlacementEngine(options.exactBudget());
        long start = System.nanoTime();
        try {
            ExactPlacementEngine.Solution s = engine.solve(instance.vi(), instance.substrate(),
                    heuristic.placement().orElse(null));
            return new ExactRun((System.nanoTime() - start) / 1e6, true, s.objective(), s.proven(), s.nodesExplored());
        } catch (PlacementRefusedException refused) {
            boolean proven = !refused.getMessage().contains("budget");
            return new ExactRun((System.nanoTime() - start) / 1e6, false, Double.NaN, proven, 0);
        }
    }

    private static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
        } catch (IOException | RuntimeException e) {
            // not Linux: the JVM line still says enough
        }
        Runtime rt = Runtime.getRuntime();
        return String.format("Machine: %s, %d cores available to the JVM, max heap %d MiB; JVM: %s %s (%s); OS: %s %s",
                cpu, rt.availableProcessors(), rt.maxMemory() >> 20, System.getProperty("java.vm.name"),
                System.getProperty("java.vm.version"), System.getProperty("java.vendor"), System.getProperty("os.name"),
                System.getProperty("os.version"));
    }

    /** How long annealing took to match the heuristic's objective, at which effort, and whether it did. */
    record EqualCut(double millis, double effort, boolean matched) {
    }

    /** What the exact solver did with one instance. */
    record ExactRun(double millis, boolean placed, double objective, boolean proven, long nodes) {
    }

    /** Every run at one size. */
    static final class SizeResult {
        final Preset preset;
        final List<Run> heuristic = new ArrayList<>();
        final List<Run> annealing = new ArrayList<>();
        final List<EqualCut> equalCut = new ArrayList<>();
        final List<ExactRun> exact = new ArrayList<>();

        SizeResult(Preset preset) {
            this.preset = preset;
        }
    }
}
