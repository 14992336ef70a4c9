package io.isthmus.examples.federation.config;

import java.net.URI;

/**
 * The federation's TCP ports, all on 127.0.0.1, derived from one base (default 8000): broker base+80 (a second
 * broker instance on the same database, when one is started, base+81), Keycloak base+90 (its management interface
 * base+91) when the federation runs an identity provider,
 * site RMS base+101, base+102, gateways base+201 (gw-req), base+202 (gw-a), base+203 (gw-b), base+204 (gw-req2).
 */
public record ServicePorts(int base) {

    public static final int DEFAULT_BASE = 8000;

    public ServicePorts {
        if (base < 1024 || base > 65000) {
            throw new IllegalArgumentException("ports base " + base + " must be between 1024 and 65000");
        }
    }

    public int broker() {
        return base + 80;
    }

    /** The second broker instance of a scaled-out federation. */
    public int secondBroker() {
        return base + 81;
    }

    public URI secondBrokerSoap() {
        return URI.create("http://127.0.0.1:" + secondBroker() + "/isthmus/BrokerService");
    }

    /** Keycloak's HTTP port. */
    public int keycloak() {
        return base + 90;
    }

    /** Keycloak's management interface (health and metrics; its default, 9000, would clash across federations). */
    public int keycloakManagement() {
        return base + 91;
    }

    /** Port of the n-th site RMS, n from 1. */
    public int site(int n) {
        return base + 100 + n;
    }

    /** Port of the n-th gateway, n from 1 (1 and 4 are the two tenants' requester gateways). */
    public int gateway(int n) {
        return base + 200 + n;
    }

    public URI brokerSoap() {
        return URI.create("http://127.0.0.1:" + broker() + "/isthmus/BrokerService");
    }

    public URI brokerRest() {
        return URI.create("http://127.0.0.1:" + broker() + "/isthmus/api/v1");
    }

    public URI siteSoap(int n) {
        return URI.create("http://127.0.0.1:" + site(n) + "/rms/SiteRmsService");
    }

    public URI gatewaySoap(int n) {
        return URI.create("http://127.0.0.1:" + gateway(n) + "/gateway/GatewayService");
    }

    /** The {@code ?wsdl} address of a SOAP endpoint. */
    public static URI wsdlOf(URI soapEndpoint) {
        return URI.create(soapEndpoint + "?wsdl");
    }
}
