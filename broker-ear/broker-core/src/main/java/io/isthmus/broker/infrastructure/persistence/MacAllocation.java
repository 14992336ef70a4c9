package io.isthmus.broker.infrastructure.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A MAC address in use; the primary key makes a duplicate impossible. */
@Entity
@Table(name = "mac_allocation")
public class MacAllocation {
    @Id
    @Column(length = 17)
    private String mac;
    @Column(name = "reservation_id", nullable = false, length = 36)
    private String reservationId;

    protected MacAllocation() {
    }

    MacAllocation(String mac, String reservationId) {
        this.mac = mac;
        this.reservationId = reservationId;
    }

    String reservationId() {
        return reservationId;
    }
}
