package io.isthmus.examples.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.examples.federation.config.DataPlaneMode;
import io.isthmus.examples.federation.config.PropertiesFile;
import io.isthmus.examples.federation.identity.KeycloakSettings;
import io.isthmus.examples.federation.process.LaunchSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

    private Properties config(String name) {
        return PropertiesFile.read(runDir.resolve("config/" + name + ".properties"));
    }

    @Test
    void eachSiteGetsTwoNestedSixteenGibHostsBehindItsGateway() {
        plan().writeConfigs(DataPlaneMode.EMULATED_TRUNK);

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
    void eachSiteGetsAnImageDirectoryHoldingTheImageTheExamplesAskFor() throws IOException {
        plan().writeConfigs(DataPlaneMode.NONE);

        for (String site : List.of("site-a", "site-b")) {
            Path images = runDir.resolve("data/" + site + "/images");
            assertEquals(images.toString(), config(site).getProperty("site.imageDir"));
            try (var files = Files.list(images)) {
                assertEquals(List.of("isthmus-test.qcow2"), files.map(f -> f.getFileName().toString()).toList(),
                        "examples/two-site-vi.xml and the system tests ask for isthmus-test");
            }
        }
    }

    @Test
    void onlyTheRequesterGatewaysHaveATrunkAndEachRunsInItsNamespace() {
        plan().writeConfigs(DataPlaneMode.EMULATED_TRUNK);

        Properties requester = config("gw-req");
        Properties siteA = config("gw-a");
        assertEquals("trunk0", requester.getProperty("gateway.trunk"));
        assertEquals("trunk0", config("gw-req2").getProperty("gateway.trunk"));
        assertFalse(requester.containsKey("gateway.accessPorts"), "a trunk carries the VLANs: no access ports");
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
        assertTrue(command.contains("-Disthmus.requesterGateways=gw-req=http://127.0.0.1:9201/gateway/GatewayService,"
                + "gw-req2=http://127.0.0.1:9204/gateway/GatewayService"), String.join(" ", command));
        String vlans = "100,200,101,102,103,104,105,106,107,108,109,110,111,112,113,114,115,116";
        assertTrue(command.contains("-Disthmus.requesterGateways.grants=gw-req:t1=" + vlans + ";gw-req2:t2=" + vlans),
                "each tenant may use the requester gateway in front of its network, with that network's VLANs");
        assertEquals("9080", command.get(command.indexOf("--port") + 1));
        assertTrue(command.contains("--nocluster"));
        assertEquals("http://127.0.0.1:9080/isthmus/BrokerService?wsdl", broker.readinessUrl().toString());
    }

    @Test
    void gatewaysStartBeforeTheSitesThatNameThem() {
        assertEquals(List.of("gw-req", "gw-a", "gw-b", "gw-req2", "site-a", "site-b"),
                plan().services().stream().map(LaunchSpec::name).toList());
        assertEquals(List.of(9080, 9101, 9102, 9201, 9202, 9203, 9204), plan().tcpPorts());
    }

    @Test
    void keycloakRunsOnBasePlusNinetyInItsOwnHomeWithTheConsoleAtTheBroker() {
        FederationPlan plan = new FederationPlan(FederationOptions.defaults(Path.of("/repo")).withRunDir(runDir)
                .withPortsBase(9000).withIdentity(FederationOptions.IdentityMode.KEYCLOAK)
                .withKeycloakCache(Path.of("/cache/kc")));

        assertEquals(List.of(9080, 9101, 9102, 9201, 9202, 9203, 9204, 9090, 9091), plan.tcpPorts());
        KeycloakSettings keycloak = plan.keycloak();
        assertEquals(9090, keycloak.httpPort());
        assertEquals(9091, keycloak.managementPort());
        assertEquals(runDir.resolve("keycloak"), keycloak.runHome());
        assertEquals(runDir.resolve("logs"), keycloak.logDirectory());
        assertEquals(Path.of("/cache/kc"), keycloak.cacheDirectory());
        assertEquals(Path.of("/repo/examples/keycloak/isthmus-realm.json"), keycloak.realmFile());
        assertEquals("http://127.0.0.1:9080", keycloak.consoleOrigin().toString());
        assertTrue(plan.stateDirectories().contains(runDir.resolve("keycloak")), "each run starts Keycloak afresh");
    }

    @Test
    void aSecondTenantsRequesterGatewayListensOnTheNextGatewayPortInItsOwnNamespace() {
        FederationPlan plan = plan();
        plan.writeConfigs(DataPlaneMode.EMULATED_ACCESS_PORTS);

        Properties second = config("gw-req2");
        assertEquals("gw-req2", second.getProperty("gateway.id"));
        assertEquals("http://127.0.0.1:9204/gateway/GatewayService", second.getProperty("gateway.listen"));
        assertEquals("198.51.100.4", second.getProperty("gateway.tunnelAddress"));
        assertEquals("isth-gw-req2", second.getProperty("gateway.netns"));
        assertFalse(second.containsKey("gateway.siteAddress"), "a requester gateway has no site leg");
        assertEquals("http://127.0.0.1:9204/gateway/GatewayService",
                plan.endpoints(true, Duration.ZERO).secondRequesterGateway().toString());
        assertEquals("http://127.0.0.1:9204/gateway/GatewayService",
                plan.endpoints(true, Duration.ZERO).gateway("gw-req2").toString());
    }

    @Test
    void withoutVlanSupportEachRequesterGatewayTakesItsTenantsVlansOnOneAccessPortEach() {
        plan().writeConfigs(DataPlaneMode.EMULATED_ACCESS_PORTS);

        for (String requester : List.of("gw-req", "gw-req2")) {
            Properties gateway = config(requester);
            assertTrue(gateway.getProperty("gateway.accessPorts").startsWith("100:acc100,200:acc200,101:acc101,"),
                    requester + ": " + gateway.getProperty("gateway.accessPorts"));
            assertTrue(gateway.getProperty("gateway.accessPorts").endsWith(",116:acc116"), requester);
            assertFalse(gateway.containsKey("gateway.trunk"), requester + " has no trunk without 802.1Q");
        }
        assertFalse(config("gw-a").containsKey("gateway.accessPorts"), "a site gateway serves no tenant VLANs");
    }

    @Test
    void anEmulatedDataPlanePutsEachSiteHostOnItsSiteLanAndGivesTheSiteGatewayItsLeg() {
        plan().writeConfigs(DataPlaneMode.EMULATED_ACCESS_PORTS);

        Properties siteA = config("site-a");
        assertEquals("emulated", siteA.getProperty("site.dataPlane"));
        assertEquals("172.16.1.1", siteA.getProperty("site.gatewaySiteAddress"));
        assertEquals("172.16.1.11", siteA.getProperty("host.a1.lanAddress"));
        assertEquals("172.16.1.12", siteA.getProperty("host.a2.lanAddress"));
        assertEquals("isth-site-a-a1", siteA.getProperty("host.a1.namespace"));
        Properties siteB = config("site-b");
        assertEquals("172.16.2.1", siteB.getProperty("site.gatewaySiteAddress"));
        assertEquals("172.16.2.12", siteB.getProperty("host.b2.lanAddress"));
        assertEquals("isth-site-b-b2", siteB.getProperty("host.b2.namespace"));

        Properties gwA = config("gw-a");
        assertEquals("172.16.1.1", gwA.getProperty("gateway.siteAddress"));
        assertEquals("172.16.1.11,172.16.1.12", gwA.getProperty("gateway.siteHosts"));
        assertEquals("site0", gwA.getProperty("gateway.siteDevice"));
        Properties gwB = config("gw-b");
        assertEquals("172.16.2.1", gwB.getProperty("gateway.siteAddress"));
        assertEquals("172.16.2.11,172.16.2.12", gwB.getProperty("gateway.siteHosts"));
    }

    @Test
    void withoutRootSitesRunWithoutADataPlaneAndGatewaysWithoutLegsOrTenantPorts() {
        plan().writeConfigs(DataPlaneMode.NONE);

        Properties siteA = config("site-a");
        assertEquals("none", siteA.getProperty("site.dataPlane"));
        assertFalse(siteA.containsKey("site.gatewaySiteAddress"));
        assertFalse(siteA.containsKey("host.a1.lanAddress"));
        for (String gateway : List.of("gw-req", "gw-a", "gw-b", "gw-req2")) {
            Properties keys = config(gateway);
            for (String key : List.of("gateway.trunk", "gateway.accessPorts", "gateway.siteAddress",
                    "gateway.siteHosts", "gateway.siteDevice")) {
                assertFalse(keys.containsKey(key), gateway + " has " + key + " without a data plane");
            }
        }
    }
}
