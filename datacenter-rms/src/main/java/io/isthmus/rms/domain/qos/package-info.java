/**
 * SLA-driven bandwidth sharing on one host (DBA-VM): QoS contracts of VM interfaces, measured demand, the
 * pure {@link io.isthmus.rms.domain.qos.BandwidthAllocator} and the driver/sampler capabilities that apply it.
 */
package io.isthmus.rms.domain.qos;
