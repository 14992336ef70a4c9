/** Where each L1 node goes: the PlacementEngine interface, its first-fit implementation and the capacity offers it works on. */
package io.isthmus.broker.domain.placement;
