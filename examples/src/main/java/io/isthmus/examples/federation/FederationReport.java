package io.isthmus.examples.federation;

import io.isthmus.examples.federation.identity.KeycloakReport;
import io.isthmus.examples.federation.process.ChildProcess;
import io.isthmus.examples.federation.topology.EmulatedUnderlay;
import io.isthmus.examples.federation.topology.LinuxName;
import java.io.PrintStream;
import java.net.URI;
import java.util.Map;
import java.util.stream.Collectors;

/** Prints where the running federation answers, how long it took to start and each process's memory. */
public final class FederationReport {

    private FederationReport() {
    }

    public static void print(EmulatedFederation federation, PrintStream out) {
        FederationEndpoints endpoints = federation.endpoints();
        out.println();
        out.println("Isthmus emulated federation ready in " + endpoints.startup().toMillis() + " ms");
        out.println("  broker SOAP  " + endpoints.brokerSoap() + "   (WSDL: " + endpoints.brokerSoap() + "?wsdl)");
        out.println("  broker REST  " + endpoints.brokerRest());
        for (Map.Entry<String, URI> site : endpoints.sites().entrySet()) {
            out.printf("  site    %-7s %s%n", site.getKey(), site.getValue());
        }
        for (Map.Entry<String, URI> gateway : endpoints.gateways().entrySet()) {
            out.printf("  gateway %-7s %s%n", gateway.getKey(), gateway.getValue());
        }
        out.println("  data plane   " + (endpoints.dataPlaneEmulated()
                ? "emulated in network namespaces " + EmulatedUnderlay.namespaces().stream().map(LinuxName::value)
                        .sorted().collect(Collectors.joining(", "))
                : "not emulated (not root): gateways will refuse to stitch"));
        out.println("  L1 VMs       " + federation.hosts().map(hosts -> "real QEMU guests of image isthmus-test; each"
                + " emulated host runs its own libvirtd: " + hosts.uris().entrySet().stream().sorted(Map.Entry
                        .comparingByKey()).map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")))
                .orElse("stand-ins (libvirt's test driver, a veth per VM NIC)"));
        federation.identity().ifPresent(keycloak -> KeycloakReport.print(keycloak, out));
        out.println("Processes (resident memory):");
        long total = 0;
        for (ChildProcess child : federation.children()) {
            long kib = child.treeResidentKib();
            total += kib;
            out.printf("  %-8s pid %-7d %6d MiB   log %s%n", child.name(), child.pid(), kib / 1024, child.logFile());
        }
        out.printf("  total                %6d MiB%n", total / 1024);
        out.println("Stop with Ctrl-C.");
    }
}
