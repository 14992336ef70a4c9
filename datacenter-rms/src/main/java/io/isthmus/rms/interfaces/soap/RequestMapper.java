package io.isthmus.rms.interfaces.soap;

import io.isthmus.rms.application.reservation.PrepareCommand;
import io.isthmus.rms.domain.compute.ConsoleBytes;
import io.isthmus.rms.domain.reservation.ImageRef;
import io.isthmus.rms.domain.reservation.NicQos;
import io.isthmus.rms.domain.reservation.NicSpec;
import io.isthmus.rms.domain.reservation.NodeName;
import io.isthmus.rms.domain.reservation.NodeSpec;
import io.isthmus.rms.domain.reservation.ReservationId;
import io.isthmus.rms.domain.reservation.TimeWindow;
import io.isthmus.rms.domain.reservation.TransactionId;
import io.isthmus.rms.domain.segment.MacAddress;
import io.isthmus.rms.domain.segment.Vni;
import io.isthmus.rms.domain.site.HostName;
import io.isthmus.rms.domain.site.InvalidRequestException;
import io.isthmus.schema.site.v1.ConsoleLog;
import io.isthmus.schema.site.v1.Prepare;
import io.isthmus.schema.site.v1.SiteNic;
import io.isthmus.schema.site.v1.SiteNode;
import io.isthmus.schema.v1.ReservationTx;
import java.util.Optional;
import java.util.OptionalInt;

/** Maps generated request types to domain values; every value is validated on the way in. */
final class RequestMapper {

    private RequestMapper() {
    }

    static ReservationId reservation(ReservationTx tx) {
        return new ReservationId(required(tx, "request").getReservationId());
    }

    static TransactionId transaction(ReservationTx tx) {
        return new TransactionId(tx.getTransactionId());
    }

    static NodeName consoleNode(ConsoleLog request) {
        return new NodeName(required(request, "consoleLog").getNode());
    }

    /** {@link ConsoleBytes#DEFAULT} when the request leaves maxBytes out. */
    static ConsoleBytes consoleBytes(ConsoleLog request) {
        Integer maxBytes = required(request, "consoleLog").getMaxBytes();
        return maxBytes == null ? ConsoleBytes.DEFAULT : new ConsoleBytes(maxBytes);
    }

    static Optional<TimeWindow> window(io.isthmus.schema.v1.TimeWindow window) {
        if (window == null) {
            return Optional.empty();
        }
        return Optional.of(new TimeWindow(XmlTimes.instant(window.getStart(), "window.start"),
                XmlTimes.instant(window.getEnd(), "window.end")));
    }

    static PrepareCommand prepare(Prepare prepare) {
        required(prepare, "prepare");
        TimeWindow window = window(prepare.getWindow())
                .orElseThrow(() -> new InvalidRequestException("window", "prepare needs a window"));
        return new PrepareCommand(reservation(prepare), transaction(prepare), prepare.getTenant(), window,
                XmlTimes.instant(prepare.getHoldExpires(), "holdExpires"),
                prepare.getNode().stream().map(RequestMapper::node).toList());
    }

    private static NodeSpec node(SiteNode node) {
        return new NodeSpec(new NodeName(node.getName()), node.getVcpus(), node.getMemoryMib(), node.getDiskGib(),
                new ImageRef(node.getImage()), node.isNestedVirtualization(),
                Optional.ofNullable(node.getHost()).map(HostName::new),
                node.getNic().stream().map(RequestMapper::nic).toList());
    }

    private static NicSpec nic(SiteNic nic) {
        MacAddress mac = new MacAddress(nic.getMac());
        int prefixLength = Optional.ofNullable(nic.getPrefixLength()).orElse(NicSpec.DEFAULT_PREFIX_LENGTH);
        return new NicSpec(nic.getSegment(), new Vni(nic.getVni()), mac, Optional.ofNullable(nic.getIpv4()),
                prefixLength, qos(nic.getQos(), mac));
    }

    private static Optional<NicQos> qos(io.isthmus.schema.site.v1.NicQos qos, MacAddress nic) {
        if (qos == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new NicQos(qos.getPriority(), qos.getMinMbps(), optional(qos.getMaxMbps()),
                    optional(qos.getMaxPacketsPerSecond())));
        } catch (InvalidRequestException e) {
            throw new InvalidRequestException(e.field(), "NIC " + nic + ": " + e.getMessage(), e);
        }
    }

    private static OptionalInt optional(Integer value) {
        return value == null ? OptionalInt.empty() : OptionalInt.of(value);
    }

    private static <T> T required(T value, String field) {
        if (value == null) {
            throw new InvalidRequestException(field, field + " is missing from the request");
        }
        return value;
    }
}
