package io.isthmus.broker.infrastructure.site;

import io.isthmus.broker.domain.site.SiteRmsClient;
import io.isthmus.broker.infrastructure.config.BrokerSettings;
import java.util.Optional;

/** The broker's SOAP client of sites wired by hand, for tests of use cases outside a server. */
public final class SiteClients {
    private SiteClients() {
    }

    /** The SOAP client with a call timeout of 10 s. */
    public static SiteRmsClient soap() {
        SoapSiteRmsClient client = new SoapSiteRmsClient();
        client.settings = new BrokerSettings("", 120, 5, 10, Optional.empty(), Optional.empty(), Optional.empty());
        client.init();
        return client;
    }
}
