/**
 * iproute2 realisation of stitches: command construction, kernel probes, the VXLAN/GRETAP drivers, the openvpn
 * driver (per-peer TAPs, openssl-made per-stitch keys, daemons found and stopped through /proc), access ports and
 * the Linux-bridge data plane.
 */
package io.isthmus.gateway.infrastructure.tunnel;
