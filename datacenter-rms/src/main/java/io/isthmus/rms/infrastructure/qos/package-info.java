/**
 * Linux traffic control for VM ports: the tc HTB {@code QosDriver}, its command builder, the nftables packet cap it
 * falls back on and the demand sampler that reads the ports' counters.
 *
 * <p>Where shaping sits: on the host-side end of each VM NIC (a stand-in's {@code isvp…} veth end, a real VM's
 * tap), as an HTB root qdisc. A qdisc shapes what leaves an interface, and what leaves the host-side port goes
 * into the VM: this is traffic towards the VM, as libvirt's {@code <bandwidth><inbound>} shapes it on a tap.
 * What a VM sends is not held back on its own port; it meets the HTB of the port it is delivered through (the
 * receiving VM's), so a NIC's contract bounds what that NIC receives. The demand the allocator sees is the same
 * direction: the bytes the port transmitted towards its VM.
 *
 * <p>Packet-rate cap: a tc {@code police pkts_rate} filter on the port's HTB root where the kernel has the police
 * action; otherwise one nftables rule per port in table {@code bridge isthmus-qos}, chain {@code portcap} on the
 * bridge forward hook: {@code oifname "<port>" limit rate over <cap>/second burst <b> packets drop}, the same
 * direction (frames the segment bridge forwards to the VM). The burst is a tenth of a second's packets, at least 10:
 * {@code b = max(10, cap / 10)}, so a VM is not cut off by the odd back-to-back pair yet cannot exceed its cap by more
 * than that over any second. The table exists only while some port has a cap; at a restart the caps of ports no
 * contract claims are removed ({@code QosDriver.retainOnly}), as rules match by name and outlive their port. The
 * kernel attaches a bridge-family base chain only in a namespace where a bridge already exists, which holds here:
 * the table is made for a port that sits on its segment bridge.
 */
package io.isthmus.rms.infrastructure.qos;
