package io.isthmus.examples.client;

import io.isthmus.schema.v1.NicPlacement;
import io.isthmus.schema.v1.NodePlacement;
import io.isthmus.schema.v1.ReservationSummary;
import io.isthmus.schema.v1.SegmentAllocation;
import java.io.PrintStream;
import java.util.stream.Collectors;

/** Prints a reservation's three states, where each L1 node runs, and the segments' VNIs. */
public final class SummaryPrinter {

    private final PrintStream out;

    public SummaryPrinter(PrintStream out) {
        this.out = out;
    }

    /** One line: step, reservation id and the three state machines. */
    public void states(String step, ReservationSummary summary) {
        out.printf("%-14s %s  reservation=%s provision=%s lifecycle=%s%s%n", step, summary.getReservationId(),
                summary.getReservationState().value(), summary.getProvisionState().value(),
                summary.getLifecycleState().value(),
                summary.isDataPlaneActive() ? " dataPlane=active" : "");
        if (summary.getLastError() != null && !summary.getLastError().isBlank()) {
            out.println("               last error: " + summary.getLastError());
        }
    }

    /** The placement table and the segment VNIs. */
    public void placement(ReservationSummary summary) {
        out.printf("%-14s %-8s %-8s %s%n", "node", "site", "host", "NICs (segment vni mac)");
        for (NodePlacement node : summary.getPlacement()) {
            String nics = node.getNic().stream().map(SummaryPrinter::nic).collect(Collectors.joining(", "));
            out.printf("%-14s %-8s %-8s %s%n", node.getNode(), node.getSite(),
                    node.getHost() == null ? "-" : node.getHost(), nics);
        }
        for (SegmentAllocation segment : summary.getSegment()) {
            out.printf("segment %-10s vlan %-5d vni %d%n", segment.getSegment(), segment.getVlan(), segment.getVni());
        }
    }

    private static String nic(NicPlacement nic) {
        return nic.getSegment() + " " + nic.getVni() + " " + nic.getMac();
    }
}
