package io.isthmus.examples.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.examples.federation.config.PropertiesFile;
import io.isthmus.examples.federation.process.LaunchSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FederationPlanTest {

    @TempDir
    Path runDir;

    private FederationPlan plan() {
        return new FederationPlan(FederationOptions.defaults(Path.of("/repo")).withRunDir(runDir)
                .withPortsBase(9000).withHoldSeconds(8).withSweepSeconds(1));
    }

    @Test
    void eachSiteGetsTwoNestedSixteenGibHostsBehindItsGateway() {
        plan().writeConfigs(true);

        Properties siteB = PropertiesFile.read(runDir.resolve("config/site-b.properties"));
        assertEquals("site-b", siteB.getProperty("site.id"));
        assertEquals("http://127.0.0.1:9102/rms/SiteRmsService", siteB.getProperty("site.listen"));
        assertEquals("b1,b2", siteB.getProperty("site.hosts"));
        assertEquals("16384", siteB.getProperty("host.b2.memoryMib"));
        assertEquals("true", siteB.getProperty("host.b1.nested"));
        assertEquals("gw-b", siteB.getProperty("site.gateway.id"));
        assertEquals("http://127.0.0.1:9203/gateway/GatewayService", siteB.getProperty("site.gateway.endpoint"));
        assertEquals(runDir.resolve("data/site-b").toString(), siteB.getProperty("site.dataDir"));
        assertFalse(siteB.containsKey("host.b1.uri"), "no uri: the site emulates the host on libvirt test:///");
    }

    @Test
    void onlyTheRequesterGatewayHasATrunkAndEachRunsInItsNamespace() {
        plan().writeConfigs(true);

        Properties requester = PropertiesFile.read(runDir.resolve("config/gw-req.properties"));
        Properties siteA = PropertiesFile.read(runDir.resolve("config/gw-a.properties"));
        assertEquals("trunk0", requester.getProperty("gateway.trunk"));
        assertEquals("198.51.100.1", requester.getProperty("gateway.tunnelAddress"));
        assertEquals("isth-gw-req", requester.getProperty("gateway.netns"));
        assertEquals("http://127.0.0.1:9201/gateway/GatewayService", requester.getProperty("gateway.listen"));
        assertFalse(siteA.containsKey("gateway.trunk"));
        assertEquals("198.51.100.2", siteA.getProperty("gateway.tunnelAddress"));
        assertEquals("wan0", siteA.getProperty("gateway.underlayDevice"));
    }

    @Test
    void theBrokerKnowsBothSitesTheLinkBetweenThemItsDatabaseHoldTimeAndSweep() {
        LaunchSpec broker = plan().broker();

        List<String> command = broker.command();
        assertTrue(command.contains("-Disthmus.sites=site-a=http://127.0.0.1:9101/rms/SiteRmsService,"
                + "site-b=http://127.0.0.1:9102/rms/SiteRmsService"), command.toString());
        assertTrue(command.contains("-Disthmus.db.url=jdbc:h2:file:" + runDir.resolve("broker/isthmus")));
        assertTrue(command.contains("-Disthmus.hold.seconds=8"));
        assertTrue(command.contains("-Disthmus.sweep.seconds=1"));
        assertTrue(command.contains("-Disthmus.links=site-a:site-b=1000/10"), "the emulated WAN as a placement link");
        assertEquals("9080", command.get(command.indexOf("--port") + 1));
        assertTrue(command.contains("--nocluster"));
        assertEquals("http://127.0.0.1:9080/isthmus/BrokerService?wsdl", broker.readinessUrl().toString());
    }

    @Test
    void gatewaysStartBeforeTheSitesThatNameThem() {
        assertEquals(List.of("gw-req", "gw-a", "gw-b", "site-a", "site-b"),
                plan().services().stream().map(LaunchSpec::name).toList());
        assertEquals(List.of(9080, 9101, 9102, 9201, 9202, 9203), plan().tcpPorts());
    }
}
