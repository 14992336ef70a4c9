package io.isthmus.rms.application.qos;

import io.isthmus.rms.domain.qos.Allocation;
import io.isthmus.rms.domain.qos.PacketCapStatus;
import io.isthmus.rms.domain.qos.QosDriver;
import io.isthmus.rms.domain.qos.QosException;
import io.isthmus.rms.domain.qos.VifId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Test double: records each call and keeps the shaping a real port would now carry; can refuse a port (to shape
 * it, or to unshape it while it is shaped).
 */
final class RecordingQosDriver implements QosDriver {

    final List<String> calls = new ArrayList<>();
    final Map<VifId, Allocation> shaped = new HashMap<>();
    private final Set<VifId> refusing = new HashSet<>();
    private boolean refusingCleanup;

    void refuse(String port) {
        refusing.add(new VifId(port));
    }

    /** Makes {@link #retainOnly} fail, as a cleanup that cannot run would. */
    void refuseCleanup() {
        refusingCleanup = true;
    }

    void accept(String port) {
        refusing.remove(new VifId(port));
    }

    @Override
    public PacketCapStatus apply(Allocation allocation) {
        calls.add("apply " + allocation.id() + " " + allocation.rate().kbps() / 1000 + "/"
                + allocation.ceil().kbps() / 1000);
        if (refusing.contains(allocation.id())) {
            throw new QosException("port " + allocation.id() + " refused (scripted)");
        }
        shaped.put(allocation.id(), allocation);
        return allocation.packetCap().isLimited() ? PacketCapStatus.ENFORCED : PacketCapStatus.NOT_REQUESTED;
    }

    @Override
    public void remove(VifId port) {
        calls.add("remove " + port);
        if (refusing.contains(port) && shaped.containsKey(port)) {
            throw new QosException("port " + port + " refused to be unshaped (scripted)");
        }
        shaped.remove(port);
    }

    /** Records the ports kept, sorted; forgets the shaping of the others, as a real driver's leftovers go. */
    @Override
    public void retainOnly(Set<VifId> ports) {
        calls.add("retainOnly " + ports.stream().sorted().toList());
        if (refusingCleanup) {
            throw new QosException("leftovers could not be removed (scripted)");
        }
        shaped.keySet().retainAll(ports);
    }
}
