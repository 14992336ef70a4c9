/**
 * Segment drivers: a Linux bridge with iproute2 (the default, also inside emulated hosts' namespaces) and
 * Open vSwitch with ovs-vsctl. Both build one bridge {@code isbr<vni>} per segment per host whose only
 * uplink is one VXLAN port {@code ishx<vni>} to the site gateway, so hosts never see the WAN or other sites.
 */
package io.isthmus.rms.infrastructure.segment;
