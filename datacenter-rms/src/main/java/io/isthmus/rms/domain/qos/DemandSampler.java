package io.isthmus.rms.domain.qos;

import java.util.Map;
import java.util.Set;

/** Measures what each port tried to send since the previous sample. */
public interface DemandSampler {

    /**
     * @return demand per port, for (a subset of) {@code ports}; a port left out is taken as idle
     * @throws QosException when the counters cannot be read
     */
    Map<VifId, Demand> sample(Set<VifId> ports);
}
