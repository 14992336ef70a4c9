package io.isthmus.rms.domain.qos;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Hands a budget out to wants in strict class order (DBA-VM browses the most important class first): a
 * class is served in full before the next one gets anything. Inside a class that cannot be served in
 * full the budget is shared max-min fairly, and the last indivisible units go in creation order.
 */
final class PriorityFill {

    private PriorityFill() {
    }

    /** Returns what each index gets: {@code granted[i] <= want[i]} and the sum never exceeds {@code budget}. */
    static long[] fill(int[] classOf, long[] want, long budget) {
        long[] granted = new long[want.length];
        long left = budget;
        for (int level = PriorityClass.HIGHEST; level >= PriorityClass.LOWEST && left > 0; level--) {
            List<Integer> members = new ArrayList<>();
            long total = 0;
            for (int i = 0; i < want.length; i++) {
                if (classOf[i] == level && want[i] > 0) {
                    members.add(i);
                    total = saturatedAdd(total, want[i]);
                }
            }
            if (total <= left) {
                members.forEach(i -> granted[i] = want[i]);
                left -= total;
            } else {
                shareFairly(members, want, left, granted);
                left = 0;
            }
        }
        return granted;
    }

    /** Max-min fair split of {@code budget} among {@code members}, whose wants together exceed it. */
    private static void shareFairly(List<Integer> members, long[] want, long budget, long[] granted) {
        List<Integer> bySmallestWant = new ArrayList<>(members);
        bySmallestWant.sort(Comparator.comparingLong((Integer i) -> want[i]).thenComparing(i -> i));
        long remaining = budget;
        int served = 0;
        while (served < bySmallestWant.size()) {
            int i = bySmallestWant.get(served);
            if (want[i] > remaining / (bySmallestWant.size() - served)) {
                break;
            }
            granted[i] = want[i];
            remaining -= want[i];
            served++;
        }
        List<Integer> capped = new ArrayList<>(bySmallestWant.subList(served, bySmallestWant.size()));
        capped.sort(Comparator.naturalOrder());
        long share = remaining / capped.size();
        long extra = remaining % capped.size();
        for (int i : capped) {
            granted[i] = share + (extra-- > 0 ? 1 : 0);
        }
    }

    static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    static long sum(long[] values) {
        long total = 0;
        for (long v : values) {
            total = saturatedAdd(total, v);
        }
        return total;
    }
}
