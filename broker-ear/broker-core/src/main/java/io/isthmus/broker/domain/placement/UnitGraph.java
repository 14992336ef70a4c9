package io.isthmus.broker.domain.placement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The links between units: parallel edges summed (bandwidth) and tightened (latency bound). */
final class UnitGraph {
    final int[][] neighbour;
    final double[][] mbps;
    final double[][] bound;
    final String[][] link;
    final double[] total;

    UnitGraph(PlacementProblem p) {
        List<Map<Integer, Integer>> index = new ArrayList<>();
        List<List<double[]>> rows = new ArrayList<>();
        List<List<String>> names = new ArrayList<>();
        for (int u = 0; u < p.units; u++) {
            index.add(new HashMap<>());
            rows.add(new ArrayList<>());
            names.add(new ArrayList<>());
        }
        for (int e = 0; e < p.edgeA.length; e++) {
            int u = p.unitOf[p.edgeA[e]];
            int v = p.unitOf[p.edgeB[e]];
            if (u == v) {
                continue;
            }
            String name = p.node[p.edgeA[e]] + "–" + p.node[p.edgeB[e]];
            add(index.get(u), rows.get(u), names.get(u), v, p.edgeMbps[e], p.edgeBound[e], name);
            add(index.get(v), rows.get(v), names.get(v), u, p.edgeMbps[e], p.edgeBound[e], name);
        }
        neighbour = new int[p.units][];
        mbps = new double[p.units][];
        bound = new double[p.units][];
        link = new String[p.units][];
        total = new double[p.units];
        for (int u = 0; u < p.units; u++) {
            List<double[]> r = rows.get(u);
            neighbour[u] = new int[r.size()];
            mbps[u] = new double[r.size()];
            bound[u] = new double[r.size()];
            link[u] = names.get(u).toArray(new String[0]);
            for (int i = 0; i < r.size(); i++) {
                neighbour[u][i] = (int) r.get(i)[0];
                mbps[u][i] = r.get(i)[1];
                bound[u][i] = r.get(i)[2];
                total[u] += mbps[u][i];
            }
        }
    }

    private static void add(Map<Integer, Integer> index, List<double[]> rows, List<String> names, int v,
                            double mbps, double bound, String name) {
        Integer at = index.get(v);
        if (at == null) {
            index.put(v, rows.size());
            rows.add(new double[] {v, mbps, bound});
            names.add(name);
            return;
        }
        double[] row = rows.get(at);
        row[1] += mbps;
        if (bound < row[2]) {
            row[2] = bound;
            names.set(at, name);
        }
    }
}
