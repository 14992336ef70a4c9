/**
 * Placement: maps a request's nodes onto sites and hosts over its window. {@link
 * io.isthmus.broker.domain.placement.PartitioningPlacementEngine} is the broker's engine;
 * {@link io.isthmus.broker.domain.placement.ExactPlacementEngine} (branch-and-bound, small requests) and
 * {@link io.isthmus.broker.domain.placement.AnnealingPlacementEngine} (after Emulab's assign) measure it.
 */
package io.isthmus.broker.domain.placement;
