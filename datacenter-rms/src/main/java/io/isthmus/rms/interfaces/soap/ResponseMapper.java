package io.isthmus.rms.interfaces.soap;

import io.isthmus.rms.application.reservation.ConsoleView;
import io.isthmus.rms.application.reservation.NodeView;
import io.isthmus.rms.application.reservation.ReservationView;
import io.isthmus.rms.application.site.HostAvailability;
import io.isthmus.rms.application.site.SiteCapacityView;
import io.isthmus.rms.domain.compute.DomainRunState;
import io.isthmus.rms.domain.compute.XmlText;
import io.isthmus.rms.domain.reservation.ImageRef;
import io.isthmus.rms.domain.reservation.BookingState;
import io.isthmus.rms.domain.segment.MacAddress;
import io.isthmus.schema.site.v1.CapacityResponse;
import io.isthmus.schema.site.v1.ConsoleLogResponse;
import io.isthmus.schema.site.v1.DomainState;
import io.isthmus.schema.site.v1.HostCapacity;
import io.isthmus.schema.site.v1.SiteBookingState;
import io.isthmus.schema.site.v1.SiteCapacity;
import io.isthmus.schema.site.v1.SiteGateway;
import io.isthmus.schema.site.v1.SiteImageCatalog;
import io.isthmus.schema.site.v1.SiteNodeStatus;
import io.isthmus.schema.site.v1.SiteReservationStatus;
import io.isthmus.schema.site.v1.SiteResult;
import io.isthmus.schema.site.v1.StatusResponse;
import java.util.List;

/** Maps application views to the generated response types. */
final class ResponseMapper {

    private static final int MAX_PROBLEM = 65_536;

    private ResponseMapper() {
    }

    static SiteResult result(ReservationView view) {
        SiteResult result = new SiteResult();
        result.setStatus(status(view));
        return result;
    }

    static StatusResponse statusResponse(String site, List<ReservationView> views) {
        StatusResponse response = new StatusResponse();
        response.setSite(site);
        views.forEach(v -> response.getReservation().add(status(v)));
        return response;
    }

    static ConsoleLogResponse consoleLog(ConsoleView view) {
        ConsoleLogResponse response = new ConsoleLogResponse();
        response.setNode(view.node().value());
        response.setHost(view.host().value());
        response.setDomainName(view.domain().value());
        response.setLog(view.tail().text());
        response.setTruncated(view.tail().truncated());
        return response;
    }

    static CapacityResponse capacity(SiteCapacityView view) {
        SiteCapacity capacity = new SiteCapacity();
        capacity.setSite(view.site().id().value());
        SiteGateway gateway = new SiteGateway();
        gateway.setId(view.site().gatewayId());
        gateway.setEndpoint(view.site().gatewayEndpoint().toString());
        capacity.setGateway(gateway);
        view.hosts().forEach(h -> capacity.getHost().add(host(h)));
        capacity.setImageCatalog(catalog(view));
        CapacityResponse response = new CapacityResponse();
        response.setSiteCapacity(capacity);
        return response;
    }

    /** The catalog's names without the {@code .qcow2} suffix, in order: what a request names the images by. */
    private static SiteImageCatalog catalog(SiteCapacityView view) {
        SiteImageCatalog catalog = new SiteImageCatalog();
        view.images().stream().map(ImageRef::fileName).map(f -> f.substring(0, f.length() - ".qcow2".length()))
                .distinct().sorted().forEach(catalog.getImage()::add);
        return catalog;
    }

    private static HostCapacity host(HostAvailability availability) {
        HostCapacity host = new HostCapacity();
        host.setHost(availability.host().name().value());
        host.setCores(availability.host().total().cores());
        host.setMemoryMib(availability.host().total().memoryMib());
        host.setDiskGib(availability.host().total().diskGib());
        host.setNestedVirtualization(availability.host().nestedVirtualization());
        host.setFreeCores(availability.free().cores());
        host.setFreeMemoryMib(availability.free().memoryMib());
        host.setFreeDiskGib(availability.free().diskGib());
        // HostCapacity (isthmus-site.xsd) has no field for the link or its free guaranteed bandwidth: not sent
        return host;
    }

    private static SiteReservationStatus status(ReservationView view) {
        SiteReservationStatus status = new SiteReservationStatus();
        status.setReservationId(view.reservation().value());
        status.setState(state(view.state()));
        view.holdExpires().ifPresent(e -> status.setHoldExpires(XmlTimes.xml(e)));
        view.nodes().forEach(n -> status.getNode().add(node(n)));
        return status;
    }

    static SiteNodeStatus node(NodeView view) {
        SiteNodeStatus node = new SiteNodeStatus();
        node.setNode(view.node().value());
        node.setHost(view.host().value());
        node.setDomainName(view.domain().value());
        node.setDomainState(domainState(view.state()));
        view.macs().stream().map(MacAddress::value).forEach(node.getMac()::add);
        view.cpuMode().ifPresent(node::setCpuMode);
        view.nestedVirtualization().ifPresent(node::setNestedVirtualization);
        view.problem().map(ResponseMapper::problemText).ifPresent(node::setProblem);
        return node;
    }

    /** XML 1.0-safe (a problem may quote what a guest printed) and within the schema's 64 KiB. */
    static String problemText(String problem) {
        String safe = XmlText.safe(problem);
        if (safe.length() <= MAX_PROBLEM) {
            return safe;
        }
        int cut = MAX_PROBLEM - 1;
        if (Character.isHighSurrogate(safe.charAt(cut - 1))) {
            cut--;
        }
        return safe.substring(0, cut) + "\u2026";
    }

        private static SiteBookingState state(BookingState state) {
        return switch (state) {
            case NONE -> SiteBookingState.NONE;
            case HELD -> SiteBookingState.HELD;
            case COMMITTED -> SiteBookingState.COMMITTED;
            case PROVISIONED -> SiteBookingState.PROVISIONED;
            case RELEASED -> SiteBookingState.RELEASED;
            case ABORTED -> SiteBookingState.ABORTED;
            case TERMINATED -> SiteBookingState.TERMINATED;
        };
    }

    private static DomainState domainState(DomainRunState state) {
        return switch (state) {
            case ABSENT -> DomainState.ABSENT;
            case DEFINED -> DomainState.DEFINED;
            case RUNNING -> DomainState.RUNNING;
            case PAUSED -> DomainState.PAUSED;
            case SHUTOFF -> DomainState.SHUTOFF;
            case CRASHED -> DomainState.CRASHED;
        };
    }
}
