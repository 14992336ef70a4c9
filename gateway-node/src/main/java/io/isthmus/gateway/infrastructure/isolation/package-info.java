/**
 * nftables realisation of tenant isolation: a bridge-family table {@code isthmus-<gateway id>} generated from validated values
 * and loaded atomically with {@code nft -f -}.
 */
package io.isthmus.gateway.infrastructure.isolation;
