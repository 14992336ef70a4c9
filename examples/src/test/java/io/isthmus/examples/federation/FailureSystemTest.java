package io.isthmus.examples.federation;

import io.isthmus.examples.client.IsthmusClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the failure system tests share: an emulated federation with fault injection on (kill files, short broker
 * leases) and a 30 s hold (a killed broker restarts on Payara Micro in 15-25 s on a busy 2-core machine, and a
 * retried reserve must find its hold still there), the split request and its convergence checks, a baseline of
 * what is held before each test and, after it, every reservation of the test's requester ended, so a failed test
 * leaves nothing to the next.
 */
abstract class FailureSystemTest {
    static final int HOLD_SECONDS = 30;

    static EmulatedFederation federation;
    static FederationEndpoints endpoints;
    static SplitRequestFederation fed;
    static IsthmusClient broker;

    /** Called by each test class's {@code @BeforeAll}. */
    static void startFederation(String runDirName, int portsBase, String requester) {
        federation = ItFederations.startForCrashTests(runDirName, portsBase, HOLD_SECONDS);
        endpoints = federation.endpoints();
        fed = new SplitRequestFederation(endpoints, requester);
        broker = fed.broker();
    }

    @AfterAll
    static void stopFederation() {
        if (federation != null) {
            federation.close();
            federation = null;
        }
    }

    @BeforeEach
    void recordWhatIsHeld() throws Exception {
        fed.recordBaseline();
    }

    @AfterEach
    void endWhatIsLeft() throws Exception {
        fed.endEverythingLive();
    }
}
