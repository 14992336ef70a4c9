package io.isthmus.rms.domain.compute;

import io.isthmus.rms.domain.reservation.ImageRef;
import java.util.Set;

/**
 * The images this site can boot: its catalog (on a libvirt site, the volumes of the image storage pool that every
 * host of the site holds). The site reports it to the broker with its capacity; a node naming any other image is
 * refused at prepare.
 */
public interface ImageCatalog {

    /** The images every host of the site can boot, now. */
    Set<ImageRef> images();
}
