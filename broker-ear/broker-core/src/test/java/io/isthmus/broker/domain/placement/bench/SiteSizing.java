package io.isthmus.broker.domain.placement.bench;

import io.isthmus.broker.domain.placement.HostOffer;
import io.isthmus.broker.domain.reservation.NodeSpec;
import io.isthmus.broker.domain.reservation.VirtualInfrastructureSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Hosts sized against a request, so that a site holds about a given share of its demand (tight instances). */
final class SiteSizing {
    /** Cores and memory are the tight dimensions; disk gets twice the share. */
    private static final double[] DISK_SLACK = {1, 1, 2};

    private SiteSizing() {
    }

    static List<HostOffer> sizedHosts(SiteParams p, VirtualInfrastructureSpec vi, String site, SplittableRandom random) {
        long[] total = new long[3];
        long[] largest = new long[3];
        for (NodeSpec n : vi.nodes()) {
            long[] d = {n.vcpus(), n.memoryMib(), n.diskGib()};
            for (int k = 0; k < 3; k++) {
                total[k] += d[k];
                largest[k] = Math.max(largest[k], d[k]);
            }
        }
        double share = p.demandShare() * (0.85 + 0.3 * random.nextDouble());
        double[] weight = new double[p.hostsPerSite()];
        double sum = 0;
        for (int h = 0; h < weight.length; h++) {
            weight[h] = 0.5 + random.nextDouble();
            sum += weight[h];
        }
        int nestedHost = random.nextInt(weight.length);
        List<HostOffer> hosts = new ArrayList<>();
        for (int h = 0; h < weight.length; h++) {
            long[] free = new long[3];
            for (int k = 0; k < 3; k++) {
                free[k] = Math.max(largest[k], Math.round(total[k] * share * DISK_SLACK[k] * weight[h] / sum));
            }
            boolean nested = h == nestedHost || random.nextDouble() < p.nestedShare();
            hosts.add(new HostOffer(String.format("%s-h%02d", site, h), (int) free[0], free[1], free[2], nested));
        }
        return hosts;
    }
}
