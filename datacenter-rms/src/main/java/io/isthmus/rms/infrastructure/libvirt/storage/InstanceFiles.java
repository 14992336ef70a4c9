package io.isthmus.rms.infrastructure.libvirt.storage;

import io.isthmus.rms.domain.compute.DomainName;
import io.isthmus.rms.domain.site.InvalidRequestException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names of one VM's volumes in the instance pool: {@code <domain>.qcow2} (overlay), {@code <domain>.seed.iso}
 * (NoCloud seed) and {@code <domain>.console.log} (serial console, with virtlogd's rotated
 * {@code <domain>.console.log.<n>}).
 */
record InstanceFiles(DomainName domain) {

    private static final Pattern OWNED = Pattern.compile("(.+)\\.(qcow2|seed\\.iso|console\\.log(\\.[0-9]+)?)");

    String overlay() {
        return domain.value() + ".qcow2";
    }

    String seed() {
        return domain.value() + ".seed.iso";
    }

    String consoleLog() {
        return domain.value() + ".console.log";
    }

    /** Whether {@code volume} is one of this VM's files. */
    boolean owns(String volume) {
        return owner(volume).filter(domain::equals).isPresent();
    }

    /** The VM whose file {@code volume} is, or empty for a volume the RMS did not name. */
    static Optional<DomainName> owner(String volume) {
        Matcher matcher = OWNED.matcher(volume);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new DomainName(matcher.group(1)));
        } catch (InvalidRequestException notOurs) {
            return Optional.empty();
        }
    }
}
