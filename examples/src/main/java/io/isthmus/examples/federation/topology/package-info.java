/**
 * The emulated underlay: network namespaces for the WAN, gateways, tenant networks, site LANs and hosts, joined by
 * bridges and veth pairs made with iproute2 as argument arrays; and a census of what Isthmus left on the machine.
 */
package io.isthmus.examples.federation.topology;
