package io.isthmus.broker.infrastructure.config;

import io.isthmus.broker.domain.placement.Connectivity;
import io.isthmus.broker.domain.placement.InterSiteLink;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the placement settings about sites and the links between them; every error names the entry to fix. */
final class SiteAttributes {
    private static final Pattern LINK = Pattern.compile(
            "([a-z][a-z0-9-]{0,30}):([a-z][a-z0-9-]{0,30})=(\\d{1,9})/(\\d{1,6}(?:\\.\\d{1,6})?)");

    private SiteAttributes() {
    }

    static List<InterSiteLink> links(String value, Set<String> sites) {
        List<InterSiteLink> links = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String entry : entries(value)) {
            Matcher m = LINK.matcher(entry);
            if (!m.matches()) {
                throw new IllegalArgumentException("isthmus.links: '" + entry + "' is not site-a:site-b=<Mbit/s>/<ms>,"
                        + " for example site-a:site-b=10000/5");
            }
            known("isthmus.links", m.group(1), sites);
            known("isthmus.links", m.group(2), sites);
            long capacity = Long.parseLong(m.group(3));
            InterSiteLink link = new InterSiteLink(m.group(1), m.group(2), capacity, capacity,
                    Double.parseDouble(m.group(4)));
            if (!seen.add(link.name())) {
                throw new IllegalArgumentException("isthmus.links: " + link.name() + " is given twice");
            }
            links.add(link);
        }
        return List.copyOf(links);
    }

    static Map<String, Double> costs(String value, Set<String> sites) {
        Map<String, Double> costs = new LinkedHashMap<>();
        for (String[] kv : pairs("isthmus.site.costs", value, sites)) {
            double cost;
            try {
                cost = Double.parseDouble(kv[1]);
            } catch (NumberFormatException e) {
                cost = -1;
            }
            if (!(cost >= 0) || Double.isInfinite(cost)) {
                throw new IllegalArgumentException("isthmus.site.costs: cost of " + kv[0] + " must be a number >= 0, not '"
                        + kv[1] + "'");
            }
            costs.put(kv[0], cost);
        }
        return Map.copyOf(costs);
    }

    static Map<String, Connectivity> connectivity(String value, Set<String> sites) {
        Map<String, Connectivity> classes = new LinkedHashMap<>();
        for (String[] kv : pairs("isthmus.site.connectivity", value, sites)) {
            try {
                classes.put(kv[0], Connectivity.valueOf(kv[1].toUpperCase(Locale.ROOT).replace('-', '_')));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("isthmus.site.connectivity: '" + kv[1] + "' for " + kv[0]
                        + " is not one of same-host, intra-switch, inter-switch, inter-router", e);
            }
        }
        return Map.copyOf(classes);
    }

    private static List<String[]> pairs(String key, String value, Set<String> sites) {
        List<String[]> pairs = new ArrayList<>();
        for (String entry : entries(value)) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(key + ": '" + entry + "' is not site=value");
            }
            String site = entry.substring(0, eq).trim();
            known(key, site, sites);
            pairs.add(new String[] {site, entry.substring(eq + 1).trim()});
        }
        return pairs;
    }

    private static void known(String key, String site, Set<String> sites) {
        if (!sites.contains(site)) {
            throw new IllegalArgumentException(key + ": no site '" + site + "' in isthmus.sites " + sites);
        }
    }

    private static List<String> entries(String value) {
        List<String> entries = new ArrayList<>();
        for (String e : value.split(",")) {
            if (!e.isBlank()) {
                entries.add(e.trim());
            }
        }
        return entries;
    }
}
