package io.isthmus.gateway.bench;

import java.util.Arrays;
import java.util.List;

/** The benchmark's command-line options ({@code --name=value}); see {@link DataPlaneBenchmark}. */
record BenchOptions(boolean throughput, boolean stitch, int runs, int seconds, int omit, List<Integer> tenantMtus,
                    List<Integer> vxlanSizes, List<Integer> openvpnSizes, int repeats, int pingUpTo,
                    boolean gatewayLog) {

    static final String USAGE = "options: --only=all|throughput|stitch --runs=3 --seconds=10 --omit=1 "
            + "--tenant-mtus=1500,1450 --vxlan-sizes=1,10,50 --openvpn-sizes=1,10 --repeats=3 --ping-up-to=10 "
            + "--gateway-log=off|on";

    static BenchOptions parse(String[] args) {
        String only = "all";
        int runs = 3;
        int seconds = 10;
        int omit = 1;
        List<Integer> mtus = List.of(1500, 1450);
        List<Integer> vxlan = List.of(1, 10, 50);
        List<Integer> openvpn = List.of(1, 10);
        int repeats = 3;
        int pingUpTo = 10;
        boolean gatewayLog = false;
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            if (kv.length != 2 || !kv[0].startsWith("--")) {
                throw new IllegalArgumentException("options look like --name=value, not " + arg + "; " + USAGE);
            }
            switch (kv[0]) {
                case "--only" -> only = kv[1];
                case "--runs" -> runs = positive(kv);
                case "--seconds" -> seconds = positive(kv);
                case "--omit" -> omit = Integer.parseInt(kv[1]);
                case "--tenant-mtus" -> mtus = ints(kv[1]);
                case "--vxlan-sizes" -> vxlan = ints(kv[1]);
                case "--openvpn-sizes" -> openvpn = ints(kv[1]);
                case "--repeats" -> repeats = positive(kv);
                case "--ping-up-to" -> pingUpTo = Integer.parseInt(kv[1]);
                case "--gateway-log" -> gatewayLog = "on".equals(kv[1]);
                default -> throw new IllegalArgumentException("unknown option " + kv[0] + "; " + USAGE);
            }
        }
        if (!List.of("all", "throughput", "stitch").contains(only)) {
            throw new IllegalArgumentException("--only takes all, throughput or stitch, not " + only);
        }
        if (mtus.stream().anyMatch(m -> m < 1280 || m > 1500)) {
            throw new IllegalArgumentException("--tenant-mtus must lie in 1280..1500 (the underlay's MTU is 1500)");
        }
        if (vxlan.stream().anyMatch(n -> n < 1 || n > 200) || openvpn.stream().anyMatch(n -> n < 1 || n > 50)) {
            throw new IllegalArgumentException("--vxlan-sizes take 1..200 segments, --openvpn-sizes 1..50 (the "
                    + "default openvpn port range holds 100)");
        }
        return new BenchOptions(!"stitch".equals(only), !"throughput".equals(only), runs, seconds, omit, mtus,
                vxlan, openvpn, repeats, pingUpTo, gatewayLog);
    }

    private static int positive(String[] kv) {
        int v = Integer.parseInt(kv[1]);
        if (v < 1) {
            throw new IllegalArgumentException(kv[0] + " must be at least 1");
        }
        return v;
    }

    private static List<Integer> ints(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Integer::valueOf)
                .toList();
    }

    @Override
    public String toString() {
        return "--runs=" + runs + " --seconds=" + seconds + " --omit=" + omit + " --tenant-mtus=" + join(tenantMtus)
                + " --vxlan-sizes=" + join(vxlanSizes) + " --openvpn-sizes=" + join(openvpnSizes) + " --repeats="
                + repeats + " --ping-up-to=" + pingUpTo;
    }

    private static String join(List<Integer> v) {
        return String.join(",", v.stream().map(String::valueOf).toList());
    }
}
