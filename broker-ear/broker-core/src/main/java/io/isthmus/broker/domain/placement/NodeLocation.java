package io.isthmus.broker.domain.placement;

/** Where one node goes. */
public record NodeLocation(String site, String host) {
}
