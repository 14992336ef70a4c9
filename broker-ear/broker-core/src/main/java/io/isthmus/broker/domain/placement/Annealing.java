package io.isthmus.broker.domain.placement;

import static io.isthmus.broker.domain.placement.AnnealingPlacementEngine.COOLING;
import static io.isthmus.broker.domain.placement.AnnealingPlacementEngine.INITIAL_ACCEPTANCE;
import static io.isthmus.broker.domain.placement.AnnealingPlacementEngine.MAX_TEMPERATURES;
import static io.isthmus.broker.domain.placement.AnnealingPlacementEngine.MIN_MOVES;
import static io.isthmus.broker.domain.placement.AnnealingPlacementEngine.MOVES_PER_UNIT_SITE;
import static io.isthmus.broker.domain.placement.AnnealingPlacementEngine.PATIENCE;
import static io.isthmus.broker.domain.placement.AnnealingPlacementEngine.SWAP_SHARE;
import static io.isthmus.broker.domain.placement.PlacementProblem.EPS;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** One annealing run of {@link AnnealingPlacementEngine}: returns the lowest-energy unit→site map it saw. */
final class Annealing {
    private final PlacementProblem p;
    private final double weight;
    private final SplittableRandom random;
    private final Partition part;
    private final int[][] sitesOf;
    private final int[] movable;
    private double energy;

    private final double effort;

    /** @param effort a multiplier of the moves per temperature (1: {@code assign}'s schedule) */
    Annealing(PlacementProblem p, double weight, SplittableRandom random, double effort) {
        this.effort = effort;
        this.p = p;
        this.weight = weight;
        this.random = random;
        this.part = new Partition(p);
        sitesOf = new int[p.units][];
        List<Integer> canMove = new ArrayList<>();
        for (int u = 0; u < p.units; u++) {
            List<Integer> sites = new ArrayList<>();
            for (int s = 0; s < p.k; s++) {
                if (p.allowed[u][s]) {
                    sites.add(s);
                }
            }
            sitesOf[u] = sites.stream().mapToInt(Integer::intValue).toArray();
            if (sitesOf[u].length > 1) {
                canMove.add(u);
            }
        }
        movable = canMove.stream().mapToInt(Integer::intValue).toArray();
    }

    int[] run() {
        for (int u = 0; u < p.units; u++) {
            part.place(u, sitesOf[u][random.nextInt(sitesOf[u].length)]);
        }
        energy = part.objective() + weight * Violations.total(part);
        int[] best = part.at.clone();
        if (movable.length == 0) {
            return best;
        }
        double bestEnergy = energy;
        int moves = (int) (effort * Math.max(MIN_MOVES, MOVES_PER_UNIT_SITE * p.units * p.k));
        double temperature = initialTemperature(Math.min(moves, 2000));
        int sinceBest = 0;
        for (int step = 0; step < MAX_TEMPERATURES; step++) {
            int changing = 0;
            int accepted = 0;
            boolean improved = false;
            for (int m = 0; m < moves; m++) {
                double delta = propose();
                boolean neutral = Math.abs(delta) <= EPS;
                changing += neutral ? 0 : 1;
                if (delta <= 0 || random.nextDouble() < Math.exp(-delta / temperature)) {
                    energy += delta;
                    accepted += neutral ? 0 : 1;
                    if (energy < bestEnergy - EPS) {
                        bestEnergy = energy;
                        System.arraycopy(part.at, 0, best, 0, best.length);
                        improved = true;
                    }
                } else {
                    undo();
                }
            }
            sinceBest = improved ? 0 : sinceBest + 1;
            if (accepted < 0.01 * changing && sinceBest >= PATIENCE) {
                break;
            }
            temperature *= COOLING;
        }
        return best;
    }

    /** The mean uphill Δ of sampled moves from the start state, turned into a temperature accepting ~80 % of them. */
    private double initialTemperature(int samples) {
        double sum = 0;
        int uphill = 0;
        for (int i = 0; i < samples; i++) {
            double delta = propose();
            undo();
            if (delta > EPS) {
                sum += delta;
                uphill++;
            }
        }
        return uphill == 0 ? 1 : sum / uphill / Math.log(1 / INITIAL_ACCEPTANCE);
    }

    private int movedU;
    private int movedV;
    private int fromU;
    private int fromV;

    /** Makes a random move and returns its energy change; {@link #undo} reverts it. */
    private double propose() {
        int u = movable[random.nextInt(movable.length)];
        int a = part.at[u];
        movedU = u;
        fromU = a;
        movedV = -1;
        int b = -1;
        if (random.nextDouble() < SWAP_SHARE) {
            int v = movable[random.nextInt(movable.length)];
            b = part.at[v];
            if (b != a && p.allowed[u][b] && p.allowed[v][a]) {
                movedV = v;
                fromV = b;
            }
        }
        if (movedV < 0) {
            int[] sites = sitesOf[u];
            b = sites[random.nextInt(sites.length - 1)];
            b = b == a ? sites[sites.length - 1] : b;
        }
        double objective = part.objective();
        double before = Violations.around(part, a, b, movedU, movedV);
        part.move(u, b);
        if (movedV >= 0) {
            part.move(movedV, a);
        }
        double after = Violations.around(part, a, b, movedU, movedV);
        return part.objective() - objective + weight * (after - before);
    }

    private void undo() {
        part.move(movedU, fromU);
        if (movedV >= 0) {
            part.move(movedV, fromV);
        }
    }
}
