package io.isthmus.broker.infrastructure.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.broker.domain.reservation.ValidationException;
import io.isthmus.broker.domain.site.RequesterGateway;
import io.isthmus.broker.domain.site.RequesterGateways;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequesterGatewaysAreGrantedPerTenantTest {

    private final RequesterGateways registry = new RequesterGatewaySettings(
            Optional.of("gw-req=http://10.0.0.1:8201/gateway/GatewayService,gw-req2=http://10.0.0.2:8204/g"),
            Optional.of("gw-req:t1=100,101-116,200; gw-req2:t2=100-200; gw-req2:t3=300")).gateways();

    @Test
    void aTenantUsesItsGatewayWithItsVlansAndTheBrokerCallsTheRegisteredEndpoint() {
        RequesterGateway gateway = registry.authorize("t1", "gw-req", Map.of("segment[0].vlan", 116,
                "segment[1].vlan", 200));
        assertEquals(URI.create("http://10.0.0.1:8201/gateway/GatewayService"), gateway.endpoint());
    }

    @Test
    void anotherTenantsGatewayIsRefusedExactlyAsOneThatDoesNotExist() {
        ValidationException other = assertThrows(ValidationException.class,
                () -> registry.authorize("t1", "gw-req2", Map.of("segment[0].vlan", 100)));
        ValidationException missing = assertThrows(ValidationException.class,
                () -> registry.authorize("t1", "gw-nope", Map.of("segment[0].vlan", 100)));
        assertEquals(List.of("requesterGateway.id: no requester gateway 'gw-req2' is available to tenant t1; it may"
                + " use gw-req"), other.details());
        assertEquals(other.getMessage().replace("gw-req2", "X"), missing.getMessage().replace("gw-nope", "X"));
    }

    @Test
    void aVlanOutsideTheTenantsGrantIsRefusedByField() {
        ValidationException refused = assertThrows(ValidationException.class,
                () -> registry.authorize("t3", "gw-req2", Map.of("segment[0].vlan", 300, "segment[1].vlan", 100)));
        assertEquals(List.of("segment[1].vlan: VLAN 100 is not granted to tenant t3 at gateway gw-req2 (granted: "
                + "300)"), refused.details());
    }

    @Test
    void aTenantWithoutAnyGrantIsToldToAskTheOperator() {
        ValidationException refused = assertThrows(ValidationException.class,
                () -> registry.authorize("t9", "gw-req", Map.of()));
        assertTrue(refused.getMessage().endsWith("this broker registers none for it (ask the federation's operator)"),
                refused.getMessage());
    }

    @Test
    void noGatewayIsRegisteredByDefault() {
        assertTrue(new RequesterGatewaySettings().gateways().all().isEmpty());
    }

    @Test
    void badSettingsNameTheKeyAndWhatToWrite() {
        assertEquals("isthmus.requesterGateways.grants: gateway 'gw-x' is not in isthmus.requesterGateways "
                + "(registered: [gw-req])", assertThrows(IllegalArgumentException.class,
                () -> RequesterGatewaySettings.parse("gw-req=http://h/g", "gw-x:t1=100")).getMessage());
        assertEquals("isthmus.requesterGateways.grants: gw-req:t1: VLAN 4095 is outside 1..4094",
                assertThrows(IllegalArgumentException.class,
                        () -> RequesterGatewaySettings.parse("gw-req=http://h/g", "gw-req:t1=100-4095")).getMessage());
        assertEquals("isthmus.requesterGateways.grants: 'gw-req=100' is not gateway-id:tenant=vlans (e.g. "
                + "gw-req:t1=100,101-116)", assertThrows(IllegalArgumentException.class,
                () -> RequesterGatewaySettings.parse("gw-req=http://h/g", "gw-req=100")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> RequesterGatewaySettings.parse("gw-req=file:///etc/passwd", "")).getMessage()
                .startsWith("isthmus.requesterGateways: "));
    }
}
