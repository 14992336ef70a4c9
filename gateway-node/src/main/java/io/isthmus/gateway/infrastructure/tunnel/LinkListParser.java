package io.isthmus.gateway.infrastructure.tunnel;

import io.isthmus.gateway.domain.tunnel.InterfaceName;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads interface names out of {@code ip -o link show}: {@code "7: isvl5001@trunk0: <BROADCAST,...> ..."}. */
public final class LinkListParser {

    private static final Pattern LINE = Pattern.compile("^\\d+:\\s+([^:@\\s]+)(@[^:\\s]+)?:", Pattern.MULTILINE);

    private LinkListParser() {
    }

    public static Set<InterfaceName> names(String ipOutput) {
        Set<InterfaceName> names = new LinkedHashSet<>();
        Matcher m = LINE.matcher(ipOutput);
        while (m.find()) {
            // a name we could never have created (characters we do not allow) is not ours: skip it
            if (InterfaceName.isValid(m.group(1))) {
                names.add(new InterfaceName(m.group(1)));
            }
        }
        return names;
    }
}
