/**
 * Data-plane vocabulary: tunnel kinds, probed support, deterministic interface names and the ports (TunnelDriver, StitchDataPlane) the application drives.
 */
package io.isthmus.gateway.domain.tunnel;
