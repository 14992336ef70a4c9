package io.isthmus.examples.federation.identity;

import java.util.Optional;

/** A demo account of the {@code isthmus} realm: user name, password, realm role and, for a tenant, its tenant id. */
public record DemoUser(String username, String password, String role, Optional<String> tenant) {
}
