package io.isthmus.rms.application.reservation;

import io.isthmus.rms.domain.compute.BridgeName;
import io.isthmus.rms.domain.compute.DomainName;
import io.isthmus.rms.domain.compute.DomainSpec;
import io.isthmus.rms.domain.compute.GuestConfig;
import io.isthmus.rms.domain.compute.GuestNic;
import io.isthmus.rms.domain.compute.InstanceDisks;
import io.isthmus.rms.domain.compute.NicAttachment;
import io.isthmus.rms.domain.reservation.NicSpec;
import io.isthmus.rms.domain.reservation.NodeSpec;
import io.isthmus.rms.domain.reservation.PlacedNode;
import io.isthmus.rms.domain.reservation.ReservationId;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a booked node into what its guest learns at first boot and into the libvirt domain that realises it, on the
 * disks its instance storage prepared; each NIC's tap gets the name the data plane gives its host port.
 */
public final class DomainSpecFactory {

    private final NodeNetwork network;

    public DomainSpecFactory(NodeNetwork network) {
        this.network = network;
    }

    public GuestConfig guestFor(ReservationId reservation, PlacedNode placed) {
        return new GuestConfig(DomainName.of(reservation, placed.name()), placed.name(), placed.spec().nics().stream()
                .map(nic -> new GuestNic(nic.mac(), nic.ipv4Interface())).toList());
    }

    public DomainSpec specFor(ReservationId reservation, PlacedNode placed, InstanceDisks disks) {
        NodeSpec node = placed.spec();
        List<NicAttachment> nics = new ArrayList<>();
        for (int i = 0; i < node.nics().size(); i++) {
            NicSpec nic = node.nics().get(i);
            nics.add(new NicAttachment(nic.mac(), BridgeName.forSegment(nic.vni()),
                    network.hostPort(reservation, placed, i)));
        }
        return new DomainSpec(DomainName.of(reservation, node.name()), node.vcpus(), node.memoryMib(),
                node.nestedVirtualization(), disks, nics);
    }
}
