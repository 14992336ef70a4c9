package io.isthmus.examples.federation;

import io.isthmus.examples.client.IsthmusClient;
import io.isthmus.examples.federation.config.Artifacts;
import io.isthmus.schema.v1.ProvisionState;
import io.isthmus.schema.v1.ReservationSummary;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Starts an emulated federation for a system test (and provisions on it) from the artefacts Maven built (failsafe passes
 * {@code isthmus.home}, {@code isthmus.payara} and {@code isthmus.it.runDir}), prints its report and returns it.
 */
final class ItFederations {

    private ItFederations() {
    }

    /**
     * @param runDirName the run directory, next to failsafe's {@code isthmus.it.runDir}, so two ITs never share one
     * @param portsBase  first port of the federation's range
     */
    static EmulatedFederation start(String runDirName, int portsBase, int holdSeconds) {
        return start(options(runDirName, portsBase, holdSeconds));
    }

    /**
     * As {@link #start(String, int, int)}, with fault injection on (kill files, short broker leases) and the L1 VMs
     * on libvirt's test driver with veth stand-ins. The crash and participant-failure tests prove the broker's and
     * the participants' recovery rules (issue 9), which do not depend on what runs a VM; with real guests their 40
     * tests would take about 18 instead of 11 minutes (measured: 761 + 331 s against 475 + 158 s), and the suite must
     * stay well under 30. What real guests add to recovery is proven on real guests elsewhere: an RMS restart
     * destroys orphan domains and restores vanished ones, a failed or killed provision leaves no QEMU domain or file
     * (RealGuestProvisioningComponentTest), and terminate leaves nothing on the hosts (DataPlaneSystemIT,
     * FederationSystemIT).
     */
    static EmulatedFederation startForCrashTests(String runDirName, int portsBase, int holdSeconds) {
        return start(options(runDirName, portsBase, holdSeconds).withFaultInjection()
                .withGuests(FederationOptions.GuestMode.STAND_IN));
    }

    /** As {@link #start(String, int, int)}, with the L1 VMs on libvirt's test driver with veth stand-ins. */
    static EmulatedFederation startWithStandIns(String runDirName, int portsBase, int holdSeconds) {
        return start(options(runDirName, portsBase, holdSeconds).withGuests(FederationOptions.GuestMode.STAND_IN));
    }

    private static EmulatedFederation start(FederationOptions options) {
        EmulatedFederation federation = EmulatedFederation.start(options);
        FederationReport.print(federation, System.out);
        return federation;
    }

    private static FederationOptions options(String runDirName, int portsBase, int holdSeconds) {
        Path home = Path.of(System.getProperty("isthmus.home", "..")).toAbsolutePath().normalize();
        Artifacts artifacts = Artifacts.inRepository(home);
        String payara = System.getProperty("isthmus.payara");
        if (payara != null) {
            artifacts = artifacts.withPayaraMicro(Path.of(payara));
        }
        Path runDir = Path.of(System.getProperty("isthmus.it.runDir", "target/federation-it"))
                .resolveSibling(runDirName);
        return FederationOptions.defaults(home).withArtifacts(artifacts).withRunDir(runDir)
                .withPortsBase(portsBase).withHoldSeconds(holdSeconds).withSweepSeconds(1);
    }

    /** Provisions {@code reservationId} and waits (up to 2 min) until it is no longer provisioning. */
    static ReservationSummary provisionAndWait(IsthmusClient client, String reservationId) throws Exception {
        ReservationSummary provisioned = client.provision(reservationId);
        Instant deadline = Instant.now().plusSeconds(120);
        while (provisioned.getProvisionState() == ProvisionState.PROVISIONING && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            provisioned = client.query(reservationId).orElseThrow();
        }
        return provisioned;
    }
}
