package io.isthmus.rms.infrastructure.libvirt.storage;

import java.util.regex.Pattern;

/**
 * The two libvirt storage pools every host of the site holds: the image catalog ({@code site.imagePool}, read only
 * to the RMS) and the pool of the VMs' own files ({@code site.instancePool}).
 */
public record StoragePoolNames(String images, String instances) {

    /** What libvirt accepts as a pool name and what stays a plain file name in its config directory. */
    private static final Pattern POOL_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    public static final String RULE = "a letter or digit followed by up to 63 letters, digits, '.', '_' or '-'";

    public static final String DEFAULT_IMAGES = "isthmus-images";
    public static final String DEFAULT_INSTANCES = "isthmus-instances";
    public static final StoragePoolNames DEFAULTS = new StoragePoolNames(DEFAULT_IMAGES, DEFAULT_INSTANCES);

    public StoragePoolNames {
        requireValid(images, "image pool");
        requireValid(instances, "instance pool");
        if (images.equals(instances)) {
            throw new IllegalArgumentException("the image pool and the instance pool are both '" + images
                    + "': VMs' own files must not go into the image catalog; name two pools");
        }
    }

    /** Returns {@code name} when it is a usable libvirt pool name, otherwise explains the rule. */
    public static String requireValid(String name, String what) {
        if (name == null || !POOL_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " name '" + name + "' is not a usable libvirt pool name: use "
                    + RULE);
        }
        return name;
    }
}
