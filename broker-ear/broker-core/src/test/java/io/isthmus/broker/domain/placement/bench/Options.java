package io.isthmus.broker.domain.placement.bench;

import java.util.Arrays;

/** The benchmark's command-line options ({@code --name=value}). */
record Options(int[] sizes, int[] instances, long seed, int exactUpTo, long exactBudget) {
    static Options parse(String[] args) {
        int[] sizes = {10, 30, 100, 1000};
        int[] instances = {50, 50, 20, 15};
        long seed = 1;
        int exactUpTo = 30;
        long exactBudget = 5_000_000L;
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            if (kv.length != 2 || !kv[0].startsWith("--")) {
                throw new IllegalArgumentException("options look like --name=value, not " + arg);
            }
            switch (kv[0]) {
                case "--sizes" -> sizes = ints(kv[1]);
                case "--instances" -> instances = ints(kv[1]);
                case "--seed" -> seed = Long.parseLong(kv[1]);
                case "--exact-up-to" -> exactUpTo = Integer.parseInt(kv[1]);
                case "--exact-budget" -> exactBudget = Long.parseLong(kv[1]);
                default -> throw new IllegalArgumentException("unknown option " + kv[0]
                        + "; known: --sizes, --instances, --seed, --exact-up-to, --exact-budget");
            }
        }
        if (instances.length == 1 && sizes.length > 1) {
            int n = instances[0];
            instances = Arrays.stream(sizes).map(s -> n).toArray();
        }
        if (instances.length != sizes.length) {
            throw new IllegalArgumentException("--instances needs one count, or one per size (" + sizes.length + ")");
        }
        Arrays.stream(sizes).forEach(Preset::ofNodes);
        return new Options(sizes, instances, seed, exactUpTo, exactBudget);
    }

    private static int[] ints(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
    }

    @Override
    public String toString() {
        return "--sizes=" + join(sizes) + " --instances=" + join(instances) + " --seed=" + seed + " --exact-up-to="
                + exactUpTo + " --exact-budget=" + exactBudget;
    }

    private static String join(int[] v) {
        return String.join(",", Arrays.stream(v).mapToObj(String::valueOf).toList());
    }
}
