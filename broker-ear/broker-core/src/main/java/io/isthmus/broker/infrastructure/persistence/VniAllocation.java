package io.isthmus.broker.infrastructure.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A VNI in use; the primary key makes a duplicate impossible. */
@Entity
@Table(name = "vni_allocation")
public class VniAllocation {
    @Id
    private int vni;
    @Column(name = "reservation_id", nullable = false, length = 36)
    private String reservationId;

    protected VniAllocation() {
    }

    VniAllocation(int vni, String reservationId) {
        this.vni = vni;
        this.reservationId = reservationId;
    }
}
