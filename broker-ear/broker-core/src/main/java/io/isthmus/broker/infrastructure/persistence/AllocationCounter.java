package io.isthmus.broker.infrastructure.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The next candidate value of an identifier space (VNI, MAC suffix), advanced under a row lock. */
@Entity
@Table(name = "allocation_counter")
public class AllocationCounter {
    @Id
    @Column(length = 16)
    private String name;
    @Column(name = "next_value", nullable = false)
    private long nextValue;

    protected AllocationCounter() {
    }

    AllocationCounter(String name, long nextValue) {
        this.name = name;
        this.nextValue = nextValue;
    }

    /** Returns the current value and advances, wrapping from {@code last} back to {@code first}. */
    long take(long first, long last) {
        long value = nextValue;
        nextValue = value >= last ? first : value + 1;
        return value;
    }
}
