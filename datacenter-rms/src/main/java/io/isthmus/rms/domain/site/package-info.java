/**
 * The provider site and its hosts: names, capacities, the network namespaces emulated hosts live in, and the
 * exceptions every layer raises.
 */
package io.isthmus.rms.domain.site;
