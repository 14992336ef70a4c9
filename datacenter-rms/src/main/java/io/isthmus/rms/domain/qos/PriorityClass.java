package io.isthmus.rms.domain.qos;

/**
 * The SLA class of an interface: 0 (least important) to 7 (most important). A higher class is served
 * first when bandwidth is contended, and lower classes give way to it down to their own minimum.
 */
public record PriorityClass(int level) implements Comparable<PriorityClass> {

    public static final int LOWEST = 0;
    public static final int HIGHEST = 7;

    public PriorityClass {
        if (level < LOWEST || level > HIGHEST) {
            throw new IllegalArgumentException("priority class " + level + " is out of range: use " + LOWEST
                    + " (least important) to " + HIGHEST + " (most important)");
        }
    }

    /** Orders classes by importance: the more important class compares greater. */
    @Override
    public int compareTo(PriorityClass other) {
        return Integer.compare(level, other.level);
    }
}
