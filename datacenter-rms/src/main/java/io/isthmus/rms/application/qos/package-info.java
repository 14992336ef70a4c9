/** Runs the DBA-VM allocator every period on one host and applies the changed allocations through the QoS driver. */
package io.isthmus.rms.application.qos;
