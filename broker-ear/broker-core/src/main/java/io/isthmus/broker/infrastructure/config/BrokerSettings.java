package io.isthmus.broker.infrastructure.config;

import io.isthmus.broker.domain.placement.Connectivity;
import io.isthmus.broker.domain.placement.InterSiteLink;
import io.isthmus.broker.domain.site.SiteDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The broker's settings:
 * {@code isthmus.sites} ("site-a=http://…/SiteRmsService,site-b=…", in preference order),
 * {@code isthmus.hold.seconds} (how long a reservation may stay held, default 120),
 * {@code isthmus.sweep.seconds} (how often holds, windows and stuck transitions are checked, default 5),
 * {@code isthmus.call.timeout.seconds} (timeout of one call to a site or gateway, default 30),
 * {@code isthmus.links} ("site-a:site-b=10000/5,…": each inter-site link's capacity in Mbit/s per direction and
 * one-way latency in ms; pairs left out carry no guarantee and no latency-bounded link),
 * {@code isthmus.site.costs} ("site-b=0.5,…": the price of one vCPU at a site, in Mbit/s of inter-site bandwidth;
 * default 0) and {@code isthmus.site.connectivity} ("site-a=intra-switch,…": how a site's hosts are connected,
 * one of same-host, intra-switch, inter-switch, inter-router; default inter-switch).
 */
@ApplicationScoped
public class BrokerSettings implements SiteDirectory {
    private static final Pattern SITE_ID = Pattern.compile("[a-z][a-z0-9-]{0,30}");

    private final Map<String, URI> sites;
    private final Duration holdTime;
    private final Duration sweepInterval;
    private final Duration callTimeout;
    private final List<InterSiteLink> links;
    private final Map<String, Double> costs;
    private final Map<String, Connectivity> connectivity;

    @Inject
    public BrokerSettings(@ConfigProperty(name = "isthmus.sites", defaultValue = "") String sites,
                          @ConfigProperty(name = "isthmus.hold.seconds", defaultValue = "120") long holdSeconds,
                          @ConfigProperty(name = "isthmus.sweep.seconds", defaultValue = "5") long sweepSeconds,
                          @ConfigProperty(name = "isthmus.call.timeout.seconds", defaultValue = "30") long timeout,
                          @ConfigProperty(name = "isthmus.links") Optional<String> links,
                          @ConfigProperty(name = "isthmus.site.costs") Optional<String> costs,
                          @ConfigProperty(name = "isthmus.site.connectivity") Optional<String> connectivity) {
        this.sites = parseSites(sites);
        this.holdTime = positive("isthmus.hold.seconds", holdSeconds);
        this.sweepInterval = positive("isthmus.sweep.seconds", sweepSeconds);
        this.callTimeout = positive("isthmus.call.timeout.seconds", timeout);
        this.links = SiteAttributes.links(links.orElse(""), this.sites.keySet());
        this.costs = SiteAttributes.costs(costs.orElse(""), this.sites.keySet());
        this.connectivity = SiteAttributes.connectivity(connectivity.orElse(""), this.sites.keySet());
    }

    protected BrokerSettings() {
        this("", 120, 5, 30, Optional.empty(), Optional.empty(), Optional.empty());
    }

    static Map<String, URI> parseSites(String value) {
        Map<String, URI> parsed = new LinkedHashMap<>();
        for (String entry : value.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            String id = eq < 0 ? "" : entry.substring(0, eq).trim();
            if (!SITE_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("isthmus.sites: '" + entry.trim()
                        + "' is not site-id=http://host:port/path (site ids are lowercase names)");
            }
            URI uri = URI.create(entry.substring(eq + 1).trim());
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                throw new IllegalArgumentException("isthmus.sites: endpoint of " + id + " is not an http(s) URL: " + uri);
            }
            parsed.put(id, uri);
        }
        return Collections.unmodifiableMap(parsed);
    }

    static Duration positive(String key, long seconds) {
        if (seconds <= 0) {
            throw new IllegalArgumentException(key + " must be a positive number of seconds, not " + seconds);
        }
        return Duration.ofSeconds(seconds);
    }

    @Override
    public Map<String, URI> sites() {
        return sites;
    }

    public Duration holdTime() {
        return holdTime;
    }

    public Duration sweepInterval() {
        return sweepInterval;
    }

    public Duration callTimeout() {
        return callTimeout;
    }

    /** The configured inter-site links, each with its full capacity free. */
    public List<InterSiteLink> links() {
        return links;
    }

    public double costPerCore(String site) {
        return costs.getOrDefault(site, 0.0);
    }

    public Connectivity connectivity(String site) {
        return connectivity.getOrDefault(site, Connectivity.INTER_SWITCH);
    }
}
