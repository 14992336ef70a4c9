package io.isthmus.broker.infrastructure.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One running broker instance and the last time it renewed its lease (docs/recovery.md, "Scale-out"). */
@Entity
@Table(name = "broker_instance")
public class BrokerInstanceRecord {
    @Id
    @Column(length = 36)
    private String id;
    @Column(name = "started_at", nullable = false)
    private Instant startedAt;
    @Column(name = "renewed_at", nullable = false)
    private Instant renewedAt;
    @Column(length = 255)
    private String host;

    protected BrokerInstanceRecord() {
    }

    BrokerInstanceRecord(String id, Instant now, String host) {
        this.id = id;
        this.startedAt = now;
        this.renewedAt = now;
        this.host = host;
    }

    void renew(Instant now) {
        renewedAt = now;
    }
}
