package io.isthmus.examples.federation.identity;

import java.io.PrintStream;

/** Prints where a running Keycloak answers, the realm's clients and its demo credentials. */
public final class KeycloakReport {

    private KeycloakReport() {
    }

    public static void print(KeycloakServer keycloak, PrintStream out) {
        out.println("Identity provider: Keycloak " + KeycloakDistribution.VERSION + ", ready in "
                + keycloak.startup().toSeconds() + " s" + (keycloak.rebuilt() ? " (built its server image first)" : "")
                + "; the broker does not check its tokens yet");
        out.println("  realm        " + keycloak.issuer() + "   (issuer; discovery: " + keycloak.issuer()
                + "/.well-known/openid-configuration)");
        out.println("  token        " + keycloak.tokenEndpoint());
        out.println("  device       " + keycloak.deviceAuthorizationEndpoint());
        out.println("  JWKS         " + keycloak.jwksUri());
        out.println("  clients      " + IsthmusRealm.CLI_CLIENT
                + " (public; device authorization and password grants)");
        out.println("               " + IsthmusRealm.CONSOLE_CLIENT + " (public; authorization code with PKCE S256)");
        out.println("               " + IsthmusRealm.PARTNER_CLIENT + " (confidential, service account of tenant "
                + IsthmusRealm.PARTNER_TENANT + "; DEMO secret " + IsthmusRealm.PARTNER_DEMO_SECRET + ")");
        for (DemoUser user : IsthmusRealm.DEMO_USERS) {
            out.printf("  demo user    %-7s password %-21s role %s%s%n", user.username(), user.password(), user.role(),
                    user.tenant().map(t -> ", tenant " + t).orElse(""));
        }
        out.println("  admin        " + keycloak.adminConsole() + "   (this run's administrator: "
                + keycloak.adminCredentials() + ")");
        out.println("  a token:     curl -s -d grant_type=password -d client_id=" + IsthmusRealm.CLI_CLIENT
                + " -d username=" + IsthmusRealm.ALICE.username() + " -d password=" + IsthmusRealm.ALICE.password()
                + " " + keycloak.tokenEndpoint());
    }
}
