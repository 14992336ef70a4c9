package io.isthmus.broker.domain.placement.bench;

import java.util.SplittableRandom;

/** A closed range of whole numbers to draw from uniformly. */
public record IntRange(int min, int max) {
    public IntRange {
        if (min > max) {
            throw new IllegalArgumentException("range [" + min + ", " + max + "] is empty");
        }
    }

    public int draw(SplittableRandom random) {
        return min == max ? min : min + random.nextInt(max - min + 1);
    }
}
