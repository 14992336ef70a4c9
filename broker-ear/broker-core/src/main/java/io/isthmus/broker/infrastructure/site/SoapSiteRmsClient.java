package io.isthmus.broker.infrastructure.site;

import static io.isthmus.broker.infrastructure.site.SoapCalls.header;
import static io.isthmus.broker.infrastructure.site.SoapCalls.tx;

import io.isthmus.broker.domain.placement.HostOffer;
import io.isthmus.broker.domain.placement.ImageCatalog;
import io.isthmus.broker.domain.placement.SiteOffer;
import io.isthmus.broker.domain.reservation.NicBandwidth;
import io.isthmus.broker.domain.reservation.TimeWindow;
import io.isthmus.broker.domain.site.SiteCapacityView;
import io.isthmus.broker.domain.site.HostName;
import io.isthmus.broker.domain.site.SiteNicOrder;
import io.isthmus.broker.domain.site.SiteNodeOrder;
import io.isthmus.broker.domain.site.SiteRmsClient;
import io.isthmus.broker.domain.site.TxContext;
import io.isthmus.broker.infrastructure.config.BrokerSettings;
import io.isthmus.broker.domain.site.ConsoleTail;
import io.isthmus.schema.site.v1.Capacity;
import io.isthmus.schema.site.v1.ConsoleLog;
import io.isthmus.schema.site.v1.ConsoleLogResponse;
import io.isthmus.schema.site.v1.NicQos;
import io.isthmus.schema.site.v1.Prepare;
import io.isthmus.schema.site.v1.SiteCapacity;
import io.isthmus.schema.site.v1.SiteImageCatalog;
import io.isthmus.schema.site.v1.SiteNic;
import io.isthmus.schema.site.v1.SiteNode;
import io.isthmus.schema.site.v1.SiteReservationStatus;
import io.isthmus.schema.v1.ReservationTx;
import io.isthmus.wsdl.site.ServiceFault;
import io.isthmus.wsdl.site.SiteRmsService;
import io.isthmus.wsdl.site.SiteRmsServicePort;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.xml.ws.WebServiceException;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * {@link SiteRmsClient} over the SiteRmsService SOAP contract. A capacity answer without an image catalog comes from
 * an RMS older than the catalog: its catalog is unknown and it is offered every image (logged once per site).
 */
@ApplicationScoped
public class SoapSiteRmsClient implements SiteRmsClient {
    private static final Logger LOG = Logger.getLogger(SoapSiteRmsClient.class.getName());

    private SiteRmsService service;
    private final Set<String> withoutCatalog = ConcurrentHashMap.newKeySet();

    @Inject
    BrokerSettings settings;

    /** Parses the WSDL once; ports made from it are cheap and used by one call each. */
    @PostConstruct
    void init() {
        service = new SiteRmsService();
    }

    @Override
    public SiteCapacityView capacity(String site, URI endpoint, TimeWindow window) {
        Capacity request = new Capacity();
        request.setWindow(XmlTimes.toXml(window));
        SiteCapacity c = call("site " + site, endpoint,
                port -> port.capacity(request, SoapCalls.brokerHeader()).getSiteCapacity());
        List<HostOffer> hosts = c.getHost().stream().map(h -> new HostOffer(h.getHost(), h.getFreeCores(),
                h.getFreeMemoryMib(), h.getFreeDiskGib(), h.isNestedVirtualization())).toList();
        return new SiteCapacityView(new SiteOffer(site, hosts, catalog(site, c.getImageCatalog())),
                c.getGateway().getId(), URI.create(c.getGateway().getEndpoint()));
    }

    private ImageCatalog catalog(String site, SiteImageCatalog reported) {
        if (reported != null) {
            withoutCatalog.remove(site);
            return ImageCatalog.of(reported.getImage());
        }
        if (withoutCatalog.add(site)) {
            LOG.warning(() -> "site " + site + " reports no image catalog (its RMS predates it): every image is taken"
                    + " to be there, and only its prepare will refuse one it does not have");
        }
        return ImageCatalog.UNKNOWN;
    }

    @Override
    public Map<String, String> prepare(URI endpoint, TxContext tx, String tenant, TimeWindow window,
                                       Instant holdExpires, List<SiteNodeOrder> nodes) {
        Prepare request = tx(new Prepare(), tx);
        request.setTenant(tenant);
        request.setWindow(XmlTimes.toXml(window));
        request.setHoldExpires(XmlTimes.toXml(holdExpires));
        nodes.forEach(n -> request.getNode().add(node(n)));
        SiteReservationStatus status = call("site", endpoint, port -> port.prepare(request, header(tx)).getStatus());
        Map<String, String> hosts = new HashMap<>();
        status.getNode().forEach(n -> hosts.put(n.getNode(), n.getHost()));
        return hosts;
    }

    @Override
    public void commit(URI endpoint, TxContext tx) {
        call("site", endpoint, port -> port.commit(tx(new ReservationTx(), tx), header(tx)));
    }

    @Override
    public void abort(URI endpoint, TxContext tx) {
        call("site", endpoint, port -> port.abort(tx(new ReservationTx(), tx), header(tx)));
    }

    @Override
    public void provision(URI endpoint, TxContext tx) {
        call("site", endpoint, port -> port.provision(tx(new ReservationTx(), tx), header(tx)));
    }

    @Override
    public void release(URI endpoint, TxContext tx) {
        call("site", endpoint, port -> port.release(tx(new ReservationTx(), tx), header(tx)));
    }

    @Override
    public void terminate(URI endpoint, TxContext tx) {
        call("site", endpoint, port -> port.terminate(tx(new ReservationTx(), tx), header(tx)));
    }

    @Override
    public ConsoleTail consoleLog(String site, URI endpoint, TxContext tx, String node, int maxBytes) {
        ConsoleLog request = tx(new ConsoleLog(), tx);
        request.setNode(node);
        request.setMaxBytes(maxBytes);
        ConsoleLogResponse response = call("site " + site, endpoint, port -> port.consoleLog(request, header(tx)));
        return new ConsoleTail(response.getLog(), response.isTruncated());
    }

    private interface Call<T> {
        T on(SiteRmsServicePort port) throws ServiceFault;
    }

    private <T> T call(String who, URI endpoint, Call<T> call) {
        try {
            return call.on(SoapCalls.address(service.getSiteRmsServicePort(), endpoint, settings.callTimeout()));
        } catch (ServiceFault f) {
            throw SoapCalls.fault(who, f.getFaultInfo(), f);
        } catch (WebServiceException e) {
            throw SoapCalls.unreachable(who, endpoint, e);
        }
    }

    private static SiteNode node(SiteNodeOrder n) {
        SiteNode node = new SiteNode();
        node.setName(n.name());
        node.setVcpus(n.vcpus());
        node.setMemoryMib(n.memoryMib());
        node.setDiskGib(n.diskGib());
        node.setImage(n.image());
        node.setNestedVirtualization(n.nested());
        node.setHost(n.host().map(HostName::value).orElse(null));
        for (SiteNicOrder nic : n.nics()) {
            SiteNic x = new SiteNic();
            x.setSegment(nic.segment().value());
            x.setVni(nic.vni().value());
            x.setMac(nic.mac().value());
            x.setIpv4(nic.ipv4().orElse(null));
            x.setPrefixLength(nic.prefixLength().isPresent() ? nic.prefixLength().getAsInt() : null);
            nic.bandwidth().ifPresent(b -> {
                NicQos qos = new NicQos();
                qos.setPriority(NicBandwidth.DEFAULT_PRIORITY);
                qos.setMinMbps(b.minMbps());
                qos.setMaxMbps(b.maxMbps());
                x.setQos(qos);
            });
            node.getNic().add(x);
        }
        return node;
    }
}
