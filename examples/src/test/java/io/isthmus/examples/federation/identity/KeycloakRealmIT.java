package io.isthmus.examples.federation.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.examples.federation.Prerequisites;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Realm {@code isthmus} in a real Keycloak, through its own endpoints: the tokens of the demo users and of the
 * partner's service account carry the claims the broker will read and verify against the realm's JWKS, wrong
 * credentials and an authorization request without PKCE are refused, and a second start reuses the built server
 * image and shares no state with the first. Keycloak runs on two free ports in 18960-18999; its distribution is
 * cached in {@code ~/.cache/isthmus} (or {@code -Disthmus.keycloak.cache=DIR}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeycloakRealmIT {

    private static final Path RUN_DIR = Path.of("target", "keycloak-it").toAbsolutePath();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private static final long ACCESS_TOKEN_SECONDS = 300;

    private static KeycloakSettings settings;
    private static KeycloakServer keycloak;

    @BeforeAll
    static void startKeycloak() {
        Path home = Path.of(System.getProperty("isthmus.home", "..")).toAbsolutePath().normalize();
        Path zip = Path.of(System.getProperty("isthmus.keycloak.zip", "target/keycloak-quarkus-dist.zip"));
        Path cache = Path.of(System.getProperty("isthmus.keycloak.cache",
                KeycloakDistribution.defaultCacheDirectory().toString()));
        List<Integer> ports = freePorts(18960, 18999, 3);
        settings = new KeycloakSettings(zip, cache, IsthmusRealm.fileIn(home), RUN_DIR.resolve("run-1"),
                RUN_DIR.resolve("run-1-logs"), ports.get(0), ports.get(1),
                URI.create("http://127.0.0.1:" + ports.get(2)), KeycloakSettings.DEFAULT_READY_TIMEOUT);
        keycloak = KeycloakServer.start(settings);
        System.out.printf("first start: ready after %d s, built the server image: %s%n",
                keycloak.startup().toSeconds(), keycloak.rebuilt());
    }

    @AfterAll
    static void stopKeycloak() {
        if (keycloak != null) {
            keycloak.close();
        }
    }

    @Test
    @Order(1)
    void demoUsersTokensCarryIssuerAudienceGroupsTenantAndName() throws Exception {
        for (DemoUser user : IsthmusRealm.DEMO_USERS) {
            Jwt token = Jwt.decode(passwordGrant(user.username(), user.password()));
            Map<String, Object> claims = token.claims();

            assertEquals(keycloak.issuer().toString(), claims.get("iss"), user.username());
            assertTrue(audience(claims).contains(IsthmusRealm.AUDIENCE),
                    user.username() + ": aud " + claims.get("aud"));
            assertEquals(List.of(user.role()), claims.get(IsthmusRealm.CLAIM_GROUPS), user.username());
            assertEquals(user.tenant().orElse(null), claims.get(IsthmusRealm.CLAIM_TENANT), user.username());
            assertEquals(user.username(), claims.get(IsthmusRealm.CLAIM_USERNAME));
            assertEquals(user.username(), claims.get(IsthmusRealm.CLAIM_UPN));
            assertEquals(IsthmusRealm.CLI_CLIENT, claims.get("azp"));
            assertExpiresInFiveMinutes(claims, user.username());
        }
        System.out.println("alice's access token claims: " + Jwt.decode(
                passwordGrant(IsthmusRealm.ALICE.username(), IsthmusRealm.ALICE.password())).payloadJson());
    }

    @Test
    @Order(2)
    void partnerServiceAccountTokenCarriesItsTenantAndRoles() throws Exception {
        Map<String, Object> claims = Jwt.decode(partnerToken(IsthmusRealm.PARTNER_DEMO_SECRET)).claims();

        assertEquals(keycloak.issuer().toString(), claims.get("iss"));
        assertTrue(audience(claims).contains(IsthmusRealm.AUDIENCE), "aud " + claims.get("aud"));
        assertEquals(List.of(IsthmusRealm.ROLE_PARTNER, IsthmusRealm.ROLE_TENANT),
                ((List<?>) claims.get(IsthmusRealm.CLAIM_GROUPS)).stream().map(String::valueOf).sorted().toList());
        assertEquals(IsthmusRealm.PARTNER_TENANT, claims.get(IsthmusRealm.CLAIM_TENANT));
        assertEquals(IsthmusRealm.PARTNER_SERVICE_ACCOUNT, claims.get(IsthmusRealm.CLAIM_USERNAME));
        assertEquals(IsthmusRealm.PARTNER_SERVICE_ACCOUNT, claims.get(IsthmusRealm.CLAIM_UPN));
        assertEquals(IsthmusRealm.PARTNER_CLIENT, claims.get("azp"));
        assertExpiresInFiveMinutes(claims, "partner");
    }

    @Test
    @Order(3)
    void tokensVerifyAgainstTheRealmsJwksAndATamperedOneDoesNot() throws Exception {
        Map<String, Object> jwks = jwks(keycloak);
        Jwt alice = Jwt.decode(passwordGrant(IsthmusRealm.ALICE.username(), IsthmusRealm.ALICE.password()));
        Jwt partner = Jwt.decode(partnerToken(IsthmusRealm.PARTNER_DEMO_SECRET));

        assertEquals("RS256", alice.header().get("alg"));
        assertTrue(alice.verifiesWith(jwks), "alice's token does not verify against " + keycloak.jwksUri());
        assertTrue(partner.verifiesWith(jwks), "the partner's token does not verify against " + keycloak.jwksUri());
        String otherTenant = alice.withPayload(alice.payloadJson().replace("\"tenant\":\"t1\"", "\"tenant\":\"t2\""));
        assertEquals("t2", Jwt.decode(otherTenant).claims().get(IsthmusRealm.CLAIM_TENANT));
        assertFalse(Jwt.decode(otherTenant).verifiesWith(jwks), "a token whose tenant was changed still verifies");
    }

    @Test
    @Order(4)
    void wrongPasswordWrongSecretAndWrongGrantAreRefused() throws Exception {
        HttpResponse<String> wrongPassword = post(keycloak.tokenEndpoint(), form("grant_type", "password",
                "client_id", IsthmusRealm.CLI_CLIENT, "username", IsthmusRealm.BOB.username(), "password", "guess"));
        // Keycloak 26 answers a failed password grant as RFC 6749 section 5.2 says: 400 invalid_grant (not 401)
        assertEquals(400, wrongPassword.statusCode(), wrongPassword.body());
        assertEquals("invalid_grant", Json.object(wrongPassword.body()).get("error"));
        assertFalse(wrongPassword.body().contains("access_token"));

        HttpResponse<String> wrongSecret = post(keycloak.tokenEndpoint(), form("grant_type", "client_credentials",
                "client_id", IsthmusRealm.PARTNER_CLIENT, "client_secret", "guess"));
        assertEquals(401, wrongSecret.statusCode(), wrongSecret.body());
        assertTrue(List.of("invalid_client", "unauthorized_client").contains(Json.object(wrongSecret.body())
                .get("error")), wrongSecret.body());
        assertFalse(wrongSecret.body().contains("access_token"));

        HttpResponse<String> consolePassword = post(keycloak.tokenEndpoint(), form("grant_type", "password",
                "client_id", IsthmusRealm.CONSOLE_CLIENT, "username", IsthmusRealm.ALICE.username(),
                "password", IsthmusRealm.ALICE.password()));
        assertEquals(400, consolePassword.statusCode(), "the console client must not take passwords: "
                + consolePassword.body());
        assertFalse(consolePassword.body().contains("access_token"));
    }

    @Test
    @Order(5)
    void consoleAuthorizationRequestNeedsAnS256CodeChallenge() throws Exception {
        String redirect = settings.consoleOrigin() + "/console/callback";
        String challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

        HttpResponse<String> without = authorize(redirect, Map.of());
        assertEquals(302, without.statusCode(), without.body());
        String location = without.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith(redirect + "?error=invalid_request"), location);
        assertTrue(location.contains("code_challenge"), location);

        HttpResponse<String> plain = authorize(redirect, Map.of("code_challenge", challenge,
                "code_challenge_method", "plain"));
        assertTrue(plain.headers().firstValue("Location").orElse("").contains("error=invalid_request"),
                "a plain PKCE challenge was accepted: " + plain.statusCode());

        HttpResponse<String> s256 = authorize(redirect, Map.of("code_challenge", challenge,
                "code_challenge_method", "S256"));
        assertEquals(200, s256.statusCode(), "the same request with an S256 challenge should show the login form");
        assertTrue(s256.body().contains("kc-form-login") || s256.body().contains("password"), "no login form");

        HttpResponse<String> anyLoopbackPort = authorize("http://127.0.0.1:18777/console/callback",
                Map.of("code_challenge", challenge, "code_challenge_method", "S256"));
        assertEquals(200, anyLoopbackPort.statusCode(), "http://127.0.0.1 on any port is a console redirect");
        HttpResponse<String> foreign = authorize("http://attacker.example/console/callback",
                Map.of("code_challenge", challenge, "code_challenge_method", "S256"));
        assertEquals(400, foreign.statusCode(), "a foreign redirect URI must be refused without redirecting");
    }

    @Test
    @Order(6)
    void cliStartsADeviceAuthorization() throws Exception {
        HttpResponse<String> device = post(keycloak.deviceAuthorizationEndpoint(),
                form("client_id", IsthmusRealm.CLI_CLIENT));

        assertEquals(200, device.statusCode(), device.body());
        Map<String, Object> answer = Json.object(device.body());
        assertTrue(answer.get("device_code") instanceof String && answer.get("user_code") instanceof String,
                device.body());
        assertTrue(String.valueOf(answer.get("verification_uri")).startsWith(keycloak.issuer().toString()),
                device.body());
    }

    @Test
    @Order(7)
    void theLauncherPrintsTheRealmItsClientsAndTheDemoCredentials() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        KeycloakReport.print(keycloak, new PrintStream(printed, true, StandardCharsets.UTF_8));
        String report = printed.toString(StandardCharsets.UTF_8);
        System.out.print(report);

        for (String expected : List.of(keycloak.issuer().toString(), keycloak.tokenEndpoint().toString(),
                keycloak.jwksUri().toString(), IsthmusRealm.CLI_CLIENT, IsthmusRealm.CONSOLE_CLIENT,
                IsthmusRealm.PARTNER_DEMO_SECRET, "alice", "alice-demo-password", "tenant t1", "bob-demo-password",
                "olivia-demo-password", keycloak.adminCredentials().toString())) {
            assertTrue(report.contains(expected), "the report lacks " + expected);
        }
        String admin = Files.readString(keycloak.adminCredentials());
        String password = admin.lines().filter(l -> l.startsWith("password=")).findFirst().orElseThrow()
                .substring("password=".length());
        assertFalse(report.contains(password), "the administrator's password is printed");
        HttpResponse<String> adminToken = post(URI.create("http://127.0.0.1:" + settings.httpPort()
                + "/realms/master/protocol/openid-connect/token"), form("grant_type", "password",
                "client_id", "admin-cli", "username", "admin", "password", password));
        assertEquals(200, adminToken.statusCode(), "the generated administrator password does not work");
    }

    @Test
    @Order(100)
    void secondStartReusesTheBuiltImageAndSharesNoStateWithTheFirst() throws Exception {
        String firstToken = passwordGrant(IsthmusRealm.ALICE.username(), IsthmusRealm.ALICE.password());
        String firstKeys = keyIds(jwks(keycloak));
        keycloak.close();

        keycloak = KeycloakServer.start(settings.withRunHome(RUN_DIR.resolve("run-2"), RUN_DIR.resolve("run-2-logs")));
        System.out.printf("second start: ready after %d s, built the server image: %s%n",
                keycloak.startup().toSeconds(), keycloak.rebuilt());

        String log = Files.readString(keycloak.logFile());
        assertFalse(keycloak.rebuilt(), "the second start built Keycloak's server image again; see "
                + keycloak.logFile());
        assertFalse(log.contains("augmentation completed"), "the second start's log shows a build");
        assertTrue(log.contains("Realm 'isthmus' imported"), "the second run did not import the realm afresh");
        Map<String, Object> secondJwks = jwks(keycloak);
        assertNotEquals(firstKeys, keyIds(secondJwks), "the second run has the first run's realm keys");
        assertFalse(Jwt.decode(firstToken).verifiesWith(secondJwks), "a token of the first run verifies in the second");
        assertTrue(Jwt.decode(passwordGrant(IsthmusRealm.ALICE.username(), IsthmusRealm.ALICE.password()))
                .verifiesWith(secondJwks));
    }

    private static void assertExpiresInFiveMinutes(Map<String, Object> claims, String who) {
        long iat = ((BigDecimal) claims.get("iat")).longValueExact();
        long exp = ((BigDecimal) claims.get("exp")).longValueExact();
        assertEquals(ACCESS_TOKEN_SECONDS, exp - iat, who + ": access token lifetime");
        assertTrue(exp > Instant.now().getEpochSecond(), who + ": token already expired");
    }

    private static List<String> audience(Map<String, Object> claims) {
        Object aud = claims.get("aud");
        return aud instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of(String.valueOf(aud));
    }

    private static String passwordGrant(String username, String password) throws Exception {
        return accessToken(post(keycloak.tokenEndpoint(), form("grant_type", "password",
                "client_id", IsthmusRealm.CLI_CLIENT, "username", username, "password", password)));
    }

    private static String partnerToken(String secret) throws Exception {
        return accessToken(post(keycloak.tokenEndpoint(), form("grant_type", "client_credentials",
                "client_id", IsthmusRealm.PARTNER_CLIENT, "client_secret", secret)));
    }

    private static String accessToken(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return (String) Json.object(response.body()).get("access_token");
    }

    private static Map<String, Object> jwks(KeycloakServer server) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(server.jwksUri()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        return Json.object(response.body());
    }

    @SuppressWarnings("unchecked")
    private static String keyIds(Map<String, Object> jwks) {
        return ((List<Map<String, Object>>) jwks.get("keys")).stream().map(k -> String.valueOf(k.get("kid")))
                .sorted().collect(Collectors.joining(","));
    }

    private static HttpResponse<String> authorize(String redirect, Map<String, String> pkce) throws Exception {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("client_id", IsthmusRealm.CONSOLE_CLIENT);
        query.put("response_type", "code");
        query.put("scope", "openid");
        query.put("state", "it-state");
        query.put("redirect_uri", redirect);
        query.putAll(pkce);
        URI uri = URI.create(keycloak.authorizationEndpoint() + "?" + encode(query));
        return HTTP.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(URI uri, Map<String, String> form) throws IOException,
            InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> form(String... pairs) {
        Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            form.put(pairs[i], pairs[i + 1]);
        }
        return form;
    }

    private static String encode(Map<String, String> values) {
        return values.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private static List<Integer> freePorts(int from, int to, int count) {
        List<Integer> free = new ArrayList<>();
        for (int port = from; port <= to && free.size() < count; port++) {
            if (Prerequisites.isFree(port)) {
                free.add(port);
            }
        }
        if (free.size() < count) {
            throw new IllegalStateException("fewer than " + count + " free ports in " + from + "-" + to);
        }
        return free;
    }
}
