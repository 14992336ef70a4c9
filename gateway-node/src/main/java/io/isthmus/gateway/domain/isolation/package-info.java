/**
 * Tenant isolation at the gateway: which control-plane addresses and service ports tenant segments may never
 * reach, and the port (SegmentIsolation) that enforces it.
 */
package io.isthmus.gateway.domain.isolation;
