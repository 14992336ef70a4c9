/**
 * Seeded generators of placement instances (Waxman-style request graphs, heterogeneous site sets) and the placement
 * benchmark that compares the partitioning engine with the exact solver and the annealing baseline.
 */
package io.isthmus.broker.domain.placement.bench;
