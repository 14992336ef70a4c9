package io.isthmus.broker.domain.placement;

import io.isthmus.broker.domain.reservation.VirtualInfrastructureSpec;

/**
 * An exact placement for small requests, to measure how far the broker's heuristic lands from the optimum: a
 * depth-first branch-and-bound over unit→site assignments ({@link BranchAndBound}), started from the heuristic's
 * placement as the incumbent.
 *
 * <p><b>What "optimal" means here.</b> The objective is the one every engine minimises (inter-site Mbit/s plus site
 * cost). The search is complete over site assignments that honour capacity, latency bounds, inter-site link
 * capacity and anti-affinity; a complete assignment only counts when {@link HostPacker} (best-fit decreasing) packs
 * it on the hosts. So the optimum is over the site assignments that best-fit decreasing can pack: an assignment
 * that only a cleverer bin packing could realise is not considered, by this engine or by the heuristic.
 *
 * <p>The search explores at most {@code nodeBudget} branches (one branch = one unit tentatively placed at one
 * site). When the budget runs out, {@link #solve} returns the best placement found with {@code proven == false}.
 */
public final class ExactPlacementEngine implements PlacementEngine {
    public static final long DEFAULT_NODE_BUDGET = 20_000_000L;

    private final long nodeBudget;

    /**
     * The outcome of one search.
     *
     * @param objective     the placement's objective (inter-site Mbit/s plus site cost)
     * @param proven        the search finished within its budget: no packable assignment is better
     * @param nodesExplored how many branches the search took
     */
    public record Solution(Placement placement, double objective, boolean proven, long nodesExplored) {
    }

    public ExactPlacementEngine() {
        this(DEFAULT_NODE_BUDGET);
    }

    /** @param nodeBudget how many branches the search may take before it stops with the best found so far */
    public ExactPlacementEngine(long nodeBudget) {
        if (nodeBudget < 1) {
            throw new IllegalArgumentException("the node budget must be at least 1, not " + nodeBudget);
        }
        this.nodeBudget = nodeBudget;
    }

    @Override
    public Placement place(VirtualInfrastructureSpec vi, Substrate substrate) {
        return solve(vi, substrate).placement();
    }

    /**
     * Runs the heuristic for an incumbent, then searches.
     *
     * @throws PlacementRefusedException when no placement exists (or none was found within the budget)
     */
    public Solution solve(VirtualInfrastructureSpec vi, Substrate substrate) {
        Placement incumbent;
        try {
            incumbent = new PartitioningPlacementEngine().place(vi, substrate);
        } catch (PlacementRefusedException heuristicRefused) {
            try {
                return solve(vi, substrate, null);
            } catch (PlacementRefusedException refused) {
                refused.addSuppressed(heuristicRefused);
                throw refused;
            }
        }
        return solve(vi, substrate, incumbent);
    }

    /**
     * Searches for a placement better than {@code incumbent}.
     *
     * @param incumbent a known placement of this request on this substrate, whose cost is the first upper bound;
     *                  null when none is known
     * @throws PlacementRefusedException when no placement exists (or none was found within the budget)
     */
    public Solution solve(VirtualInfrastructureSpec vi, Substrate substrate, Placement incumbent) {
        PlacementProblem p = PlacementProblem.compile(vi, substrate);
        BranchAndBound search = new BranchAndBound(p, nodeBudget,
                incumbent == null ? Double.POSITIVE_INFINITY : incumbent.cost());
        search.run();
        boolean proven = !search.exhausted();
        if (search.best().isPresent()) {
            Placement best = search.best().get();
            return new Solution(best, best.cost(), proven, search.nodes());
        }
        if (incumbent != null) {
            return new Solution(incumbent, incumbent.cost(), proven, search.nodes());
        }
        if (!proven) {
            throw new PlacementRefusedException("no placement found within the exact search's budget of " + nodeBudget
                    + " branches; the request may still be placeable");
        }
        throw new PlacementRefusedException("no placement exists: every assignment of the request's nodes to the "
                + p.k + " offered sites breaks site capacity, a latency bound, inter-site link capacity or "
                + "anti-affinity, or does not pack on the sites' hosts");
    }
}
