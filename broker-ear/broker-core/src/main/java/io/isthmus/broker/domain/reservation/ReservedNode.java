package io.isthmus.broker.domain.reservation;

import io.isthmus.broker.domain.site.HostName;
import io.isthmus.broker.domain.site.SiteId;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** An L1 node of a reservation: what was asked, where it was placed and the MACs it was given. */
@Entity
@Table(name = "reserved_node")
public class ReservedNode {
    @Id
    @GeneratedValue(strategy = GenerationType.TABLE)
    private Long pk;
    @Column(nullable = false, length = 31)
    private String name;
    private int vcpus;
    @Column(name = "memory_mib")
    private int memoryMib;
    @Column(name = "disk_gib")
    private int diskGib;
    @Column(nullable = false, length = 64)
    private String image;
    private boolean nested;
    @Column(length = 31)
    private String site;
    @Column(length = 31)
    private String host;
    /**
     * Whether the site must use {@link #host}: the requester pinned it there, or the node is in an anti-affinity
     * group (only the broker sees the whole group). Otherwise the host is the broker's plan and the site chooses,
     * since it knows what other reservations took since the broker read its capacity.
     */
    @Column(name = "host_binding")
    private boolean hostBinding;
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "reserved_nic", joinColumns = @JoinColumn(name = "node_pk"))
    @OrderColumn(name = "position")
    private List<NicAssignment> nics = new ArrayList<>();

    protected ReservedNode() {
    }

    public ReservedNode(NodeSpec spec, SiteId site, HostName host, List<NicAssignment> nics) {
        this.name = spec.name();
        this.vcpus = spec.vcpus();
        this.memoryMib = spec.memoryMib();
        this.diskGib = spec.diskGib();
        this.image = spec.image();
        this.nested = spec.nested();
        this.site = site.value();
        this.host = host == null ? null : host.value();
        this.nics = new ArrayList<>(nics);
    }

    public String name() {
        return name;
    }

    public int vcpus() {
        return vcpus;
    }

    public int memoryMib() {
        return memoryMib;
    }

    public int diskGib() {
        return diskGib;
    }

    public String image() {
        return image;
    }

    public boolean nested() {
        return nested;
    }

    public SiteId site() {
        return new SiteId(site);
    }

    public Optional<HostName> host() {
        return Optional.ofNullable(host).map(HostName::new);
    }

    public void assignHost(HostName host) {
        this.host = host.value();
    }

    public boolean hostBinding() {
        return hostBinding;
    }

    /** Makes the planned host binding for the site (see {@link #hostBinding()}). */
    public void bindHost() {
        this.hostBinding = true;
    }

    public List<NicAssignment> nics() {
        return nics;
    }
}
