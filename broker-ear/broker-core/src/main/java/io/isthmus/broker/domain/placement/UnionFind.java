package io.isthmus.broker.domain.placement;

import java.util.Arrays;

/** Disjoint sets over {@code 0..n-1}, with labels numbered in order of first appearance. */
final class UnionFind {
    private final int[] parent;

    UnionFind(int n) {
        parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
    }

    int find(int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    void union(int a, int b) {
        int ra = find(a);
        int rb = find(b);
        if (ra != rb) {
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }

    int[] compactLabels() {
        int[] label = new int[parent.length];
        int[] byRoot = new int[parent.length];
        Arrays.fill(byRoot, -1);
        int next = 0;
        for (int i = 0; i < parent.length; i++) {
            int r = find(i);
            if (byRoot[r] < 0) {
                byRoot[r] = next++;
            }
            label[i] = byRoot[r];
        }
        return label;
    }
}
