package io.isthmus.examples.federation;

import io.isthmus.examples.federation.topology.CommandRunner;
import io.isthmus.schema.gateway.v1.StitchStatus;
import io.isthmus.schema.site.v1.Capacity;
import io.isthmus.schema.site.v1.HostCapacity;
import io.isthmus.schema.site.v1.SiteReservationStatus;
import io.isthmus.schema.v1.IsthmusHeader;
import io.isthmus.wsdl.gateway.GatewayService;
import io.isthmus.wsdl.gateway.GatewayServicePort;
import io.isthmus.wsdl.site.SiteRmsService;
import io.isthmus.wsdl.site.SiteRmsServicePort;
import jakarta.xml.ws.BindingProvider;
import java.net.URI;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** What the system test reads from the sites and gateways, only through their public SOAP status and capacity. */
final class FederationProbes {

    private static final String REQUESTER = "system-test@isthmus";

    private FederationProbes() {
    }

    static List<SiteReservationStatus> siteStatus(URI site, String reservationId) throws Exception {
        io.isthmus.schema.site.v1.Status request = new io.isthmus.schema.site.v1.Status();
        request.setReservationId(reservationId);
        return sitePort(site).status(request, header()).getReservation();
    }

    /** Ids of every reservation the site still holds or uses. */
    static Set<String> siteReservations(URI site) throws Exception {
        return siteStatus(site, null).stream().map(SiteReservationStatus::getReservationId).collect(Collectors.toSet());
    }

    /** Per host: "host free cores/free MiB/free GiB". */
    static List<String> siteFreeCapacity(URI site) throws Exception {
        return sitePort(site).capacity(new Capacity(), header()).getSiteCapacity().getHost().stream()
                .map(h -> h.getHost() + " " + h.getFreeCores() + "/" + h.getFreeMemoryMib() + "/" + h.getFreeDiskGib())
                .sorted().toList();
    }

    static List<HostCapacity> siteHosts(URI site) throws Exception {
        return sitePort(site).capacity(new Capacity(), header()).getSiteCapacity().getHost();
    }

    static List<StitchStatus> gatewayStitches(URI gateway, String reservationId) throws Exception {
        io.isthmus.schema.gateway.v1.Status request = new io.isthmus.schema.gateway.v1.Status();
        request.setReservationId(reservationId);
        return gatewayPort(gateway).status(request, header()).getStitch();
    }

    static Set<String> gatewayReservations(URI gateway) throws Exception {
        return gatewayStitches(gateway, null).stream().map(StitchStatus::getReservationId).collect(Collectors.toSet());
    }

    /** Names of the stitch interfaces (isbr*, isvx*, isvl*) present in a gateway's namespace. */
    static List<String> stitchInterfaces(String namespace) {
        String links = new CommandRunner().run(List.of("ip", "-n", namespace, "-o", "link"));
        return Arrays.stream(links.split("\n")).filter(line -> line.contains(": "))
                .map(line -> line.split(": ")[1].split("@")[0])
                .filter(name -> name.startsWith("isbr") || name.startsWith("isvx") || name.startsWith("isvl"))
                .toList();
    }

    /** Per site and gateway of {@code endpoints}: the reservations it holds or uses. */
    static Map<String, Set<String>> reservationsEverywhere(FederationEndpoints endpoints, List<String> sites,
                                                           List<String> gateways) throws Exception {
        Map<String, Set<String>> all = new HashMap<>();
        for (String site : sites) {
            all.put(site, siteReservations(endpoints.site(site)));
        }
        for (String gateway : gateways) {
            all.put(gateway, gatewayReservations(endpoints.gateway(gateway)));
        }
        return all;
    }

    /** Per site: {@link #siteFreeCapacity} of each host. */
    static Map<String, List<String>> freeCapacity(FederationEndpoints endpoints, List<String> sites) throws Exception {
        Map<String, List<String>> free = new HashMap<>();
        for (String site : sites) {
            free.put(site, siteFreeCapacity(endpoints.site(site)));
        }
        return free;
    }

    private static SiteRmsServicePort sitePort(URI site) {
        SiteRmsServicePort port = new SiteRmsService().getSiteRmsServicePort();
        ((BindingProvider) port).getRequestContext().put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, site.toString());
        return port;
    }

    private static GatewayServicePort gatewayPort(URI gateway) {
        GatewayServicePort port = new GatewayService().getGatewayServicePort();
        ((BindingProvider) port).getRequestContext().put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, gateway.toString());
        return port;
    }

    private static IsthmusHeader header() {
        IsthmusHeader header = new IsthmusHeader();
        header.setCorrelationId(UUID.randomUUID().toString());
        header.setRequesterId(REQUESTER);
        return header;
    }
}
