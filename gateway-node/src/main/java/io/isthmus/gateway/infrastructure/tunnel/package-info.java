/**
 * iproute2 realisation of stitches: command construction, kernel probes, VXLAN/GRETAP tunnel drivers and the Linux-bridge data plane.
 */
package io.isthmus.gateway.infrastructure.tunnel;
