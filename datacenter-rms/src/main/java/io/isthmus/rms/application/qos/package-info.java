/**
 * The site's NIC shaping: {@link io.isthmus.rms.application.qos.ShapingService} admits and withdraws the bandwidth
 * contracts of provisioned NICs, and per host a {@link io.isthmus.rms.application.qos.BandwidthRebalancer} runs the
 * DBA-VM allocator every period and applies the changed allocations through the QoS driver, on the host-side port
 * of each NIC (traffic towards the VM; see {@link io.isthmus.rms.infrastructure.qos}).
 */
package io.isthmus.rms.application.qos;
