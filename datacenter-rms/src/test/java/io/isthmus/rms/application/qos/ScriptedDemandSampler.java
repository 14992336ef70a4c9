package io.isthmus.rms.application.qos;

import io.isthmus.rms.domain.qos.Bandwidth;
import io.isthmus.rms.domain.qos.Demand;
import io.isthmus.rms.domain.qos.DemandSampler;
import io.isthmus.rms.domain.qos.QosException;
import io.isthmus.rms.domain.qos.VifId;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Test double: returns the demand the test set for each port, or fails once when told to. */
final class ScriptedDemandSampler implements DemandSampler {

    private final Map<VifId, Demand> demand = new HashMap<>();
    private boolean failNext;
    private int samples;

    void set(String port, long mbps) {
        demand.put(new VifId(port), Demand.of(Bandwidth.ofMbps(mbps), mbps * 100));
    }

    void failNextSample() {
        failNext = true;
    }

    int samples() {
        return samples;
    }

    @Override
    public synchronized Map<VifId, Demand> sample(Set<VifId> ports) {
        samples++;
        if (failNext) {
            failNext = false;
            throw new QosException("counters unreadable (scripted)");
        }
        return Map.copyOf(demand);
    }
}
