package io.isthmus.broker.domain.placement;

import static io.isthmus.broker.domain.placement.PlacementProblem.EPS;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * k-way Fiduccia–Mattheyses refinement of a complete partition: a pass repeatedly makes the feasible move with the
 * highest gain (even a negative one), locks the moved unit, and finally rolls back to the best prefix; passes
 * repeat while they gain. A pass ends early after a run of moves that did not improve on its best.
 */
final class Refinement {
    private static final int MAX_PASSES = 12;

    private Refinement() {
    }

    private record Move(double gain, int unit, int target, int version) {
    }

    static void fm(Partition part) {
        PlacementProblem p = part.p;
        if (p.k < 2) {
            return;
        }
        int patience = Math.min(p.units, 100 + p.units / 10);
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            if (pass(part, patience) <= EPS) {
                return;
            }
        }
    }

    /** One pass; returns what it gained. */
    private static double pass(Partition part, int patience) {
        PlacementProblem p = part.p;
        boolean[] locked = new boolean[p.units];
        int[] version = new int[p.units];
        PriorityQueue<Move> queue = new PriorityQueue<>((a, b) -> a.gain != b.gain ? Double.compare(b.gain, a.gain)
                : a.unit != b.unit ? Integer.compare(a.unit, b.unit) : Integer.compare(a.target, b.target));
        for (int u = 0; u < p.units; u++) {
            offer(part, queue, u, 0);
        }
        List<int[]> log = new ArrayList<>();
        double gained = 0;
        double best = 0;
        int bestLength = 0;
        int sinceBest = 0;
        while (!queue.isEmpty() && sinceBest < patience) {
            Move m = queue.poll();
            if (locked[m.unit] || m.version != version[m.unit]) {
                continue;
            }
            int from = part.at[m.unit];
            part.remove(m.unit);
            if (!part.canPlace(m.unit, m.target)) {
                part.place(m.unit, from);
                offer(part, queue, m.unit, ++version[m.unit]);
                continue;
            }
            part.place(m.unit, m.target);
            locked[m.unit] = true;
            log.add(new int[] {m.unit, from});
            gained += m.gain;
            if (gained > best + EPS) {
                best = gained;
                bestLength = log.size();
                sinceBest = 0;
            } else {
                sinceBest++;
            }
            for (int v : p.neighbour[m.unit]) {
                if (!locked[v]) {
                    offer(part, queue, v, ++version[v]);
                }
            }
        }
        for (int i = log.size() - 1; i >= bestLength; i--) {
            part.move(log.get(i)[0], log.get(i)[1]);
        }
        return best;
    }

    private static void offer(Partition part, PriorityQueue<Move> queue, int u, int version) {
        int from = part.at[u];
        double here = part.delta(u, from);
        part.remove(u);
        int target = -1;
        double gain = Double.NEGATIVE_INFINITY;
        for (int s = 0; s < part.p.k; s++) {
            if (s != from && part.canPlace(u, s)) {
                double g = here - part.delta(u, s);
                if (g > gain + EPS) {
                    gain = g;
                    target = s;
                }
            }
        }
        part.place(u, from);
        if (target >= 0) {
            queue.add(new Move(gain, u, target, version));
        }
    }
}
