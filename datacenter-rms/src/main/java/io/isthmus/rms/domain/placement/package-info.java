/** Capacity arithmetic over time windows and best-fit packing of L1 nodes onto hosts. */
package io.isthmus.rms.domain.placement;
