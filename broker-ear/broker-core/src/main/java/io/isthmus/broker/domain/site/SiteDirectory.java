package io.isthmus.broker.domain.site;

import java.net.URI;
import java.util.Map;

/** The provider sites the broker may use, in preference order, with their RMS endpoints. */
public interface SiteDirectory {
    Map<String, URI> sites();
}
