package io.isthmus.examples.federation.identity;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the realm file {@code examples/keycloak/isthmus-realm.json} defines and the broker will rely on: the realm,
 * its clients, the roles and claims of its access tokens, and its demo accounts. {@code docs/identity.md} describes
 * the same contract for an operator's own Keycloak.
 */
public final class IsthmusRealm {

    public static final String NAME = "isthmus";
    /** The realm file, relative to the repository root. */
    public static final Path FILE = Path.of("examples", "keycloak", "isthmus-realm.json");

    /** The audience every access token of the realm carries in {@code aud}. */
    public static final String AUDIENCE = "isthmus-broker";
    /** The client scope (a default scope of every Isthmus client) that adds the claims below. */
    public static final String CLIENT_SCOPE = "isthmus-broker";
    public static final String CLAIM_GROUPS = "groups";
    public static final String CLAIM_TENANT = "tenant";
    public static final String CLAIM_UPN = "upn";
    public static final String CLAIM_USERNAME = "preferred_username";

    public static final String ROLE_TENANT = "tenant";
    public static final String ROLE_OPERATOR = "operator";
    public static final String ROLE_PARTNER = "partner";

    /** Public client of the CLI: device authorization grant, and password grant for tests and scripts. */
    public static final String CLI_CLIENT = "isthmus-cli";
    /** Public client of the web console: authorization code with PKCE S256. */
    public static final String CONSOLE_CLIENT = "isthmus-console";
    /** Confidential client with a service account, for a federated partner. */
    public static final String PARTNER_CLIENT = "partner-dc";
    /** The partner client's secret in the realm file: a demo value, replace it anywhere but the emulated federation. */
    public static final String PARTNER_DEMO_SECRET = "partner-dc-demo-secret-not-for-production";
    public static final String PARTNER_SERVICE_ACCOUNT = "service-account-" + PARTNER_CLIENT;
    public static final String PARTNER_TENANT = "p1";
    /** The environment variable the realm file reads the console's origin from at import. */
    public static final String CONSOLE_ORIGIN_VARIABLE = "ISTHMUS_CONSOLE_ORIGIN";

    public static final DemoUser ALICE = new DemoUser("alice", "alice-demo-password", ROLE_TENANT, Optional.of("t1"));
    public static final DemoUser BOB = new DemoUser("bob", "bob-demo-password", ROLE_TENANT, Optional.of("t2"));
    public static final DemoUser OLIVIA = new DemoUser("olivia", "olivia-demo-password", ROLE_OPERATOR,
            Optional.empty());
    public static final List<DemoUser> DEMO_USERS = List.of(ALICE, BOB, OLIVIA);

    private IsthmusRealm() {
    }

    /** The realm file of the repository at {@code repositoryRoot}. */
    public static Path fileIn(Path repositoryRoot) {
        return repositoryRoot.resolve(FILE);
    }
}
