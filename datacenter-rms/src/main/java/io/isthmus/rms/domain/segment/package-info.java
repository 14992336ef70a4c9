/**
 * Layer-2 segments on a site's hosts: VNI, MAC and IPv4 values, what a host needs to carry a segment
 * ({@link io.isthmus.rms.domain.segment.SegmentPort}) and the {@link io.isthmus.rms.domain.segment.SegmentDriver}
 * port. Design: one bridge per segment per host, one VXLAN uplink per bridge to the site gateway only.
 */
package io.isthmus.rms.domain.segment;
