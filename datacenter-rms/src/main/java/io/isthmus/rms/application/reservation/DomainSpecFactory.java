package io.isthmus.rms.application.reservation;

import io.isthmus.rms.domain.compute.BridgeName;
import io.isthmus.rms.domain.compute.DomainName;
import io.isthmus.rms.domain.compute.DomainSpec;
import io.isthmus.rms.domain.compute.NicAttachment;
import io.isthmus.rms.domain.reservation.NodeSpec;
import io.isthmus.rms.domain.reservation.PlacedNode;
import io.isthmus.rms.domain.reservation.ReservationId;
import java.nio.file.Path;

/** Turns a booked node into the libvirt domain that realises it; disks come from the site's image directory. */
public final class DomainSpecFactory {

    private final Path imageDir;

    public DomainSpecFactory(Path imageDir) {
        this.imageDir = imageDir.toAbsolutePath().normalize();
    }

    public DomainSpec specFor(ReservationId reservation, PlacedNode placed) {
        NodeSpec node = placed.spec();
        return new DomainSpec(DomainName.of(reservation, node.name()), node.vcpus(), node.memoryMib(),
                node.nestedVirtualization(), imageDir.resolve(node.image().fileName()),
                node.nics().stream().map(nic -> new NicAttachment(nic.mac(), BridgeName.forSegment(nic.vni())))
                        .toList());
    }
}
