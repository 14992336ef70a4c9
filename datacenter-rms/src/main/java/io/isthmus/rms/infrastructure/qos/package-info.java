/**
 * Linux traffic control for VM ports: the tc HTB {@code QosDriver}, its command builder and the demand sampler
 * that reads the ports' counters.
 *
 * <p>Where shaping sits: on the host-side end of each VM NIC (a stand-in's {@code isvp…} veth end, a real VM's
 * tap), as an HTB root qdisc. A qdisc shapes what leaves an interface, and what leaves the host-side port goes
 * into the VM: this is traffic towards the VM, as libvirt's {@code <bandwidth><inbound>} shapes it on a tap.
 * What a VM sends is not held back on its own port; it meets the HTB of the port it is delivered through (the
 * receiving VM's), so a NIC's contract bounds what that NIC receives. The demand the allocator sees is the same
 * direction: the bytes the port transmitted towards its VM.
 */
package io.isthmus.rms.infrastructure.qos;
