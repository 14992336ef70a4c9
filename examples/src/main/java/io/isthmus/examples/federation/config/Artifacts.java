package io.isthmus.examples.federation.config;

import io.isthmus.examples.federation.identity.IsthmusRealm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The packaged programs the federation runs, and the identity provider's distribution zip and realm file;
 * {@link #verify()} and {@link #verifyIdentity()} name what is missing and how to build it.
 */
public record Artifacts(Path rmsJar, Path gatewayJar, Path brokerWar, Path payaraMicroJar, Path keycloakZip,
                        Path realmFile) {

    public static final String VERSION = "0.1.0-SNAPSHOT";

    /** The artifacts as a build of the repository at {@code home} leaves them. */
    public static Artifacts inRepository(Path home) {
        return new Artifacts(
                home.resolve("datacenter-rms/target/isthmus-datacenter-rms-" + VERSION + ".jar"),
                home.resolve("gateway-node/target/isthmus-gateway-node-" + VERSION + ".jar"),
                home.resolve("broker-ear/broker-web/target/isthmus.war"),
                home.resolve("examples/target/payara-micro.jar"),
                home.resolve("examples/target/keycloak-quarkus-dist.zip"),
                IsthmusRealm.fileIn(home));
    }

    /** Finds the repository root from a start directory by walking up to the directory with datacenter-rms/. */
    public static Path findRepositoryRoot(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("datacenter-rms")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no Isthmus repository above " + start
                + "; run from the repository or pass --home <repository root>");
    }

    public Artifacts withPayaraMicro(Path payara) {
        return new Artifacts(rmsJar, gatewayJar, brokerWar, payara, keycloakZip, realmFile);
    }

    /** Throws naming every missing artifact of the services and the command that builds it. */
    public void verify() {
        verifyPresent(List.of(rmsJar, gatewayJar, brokerWar, payaraMicroJar));
    }

    /** Throws naming the Keycloak zip or realm file when missing, and the command that provides them. */
    public void verifyIdentity() {
        verifyPresent(List.of(keycloakZip, realmFile));
    }

    private static void verifyPresent(List<Path> paths) {
        List<String> missing = new ArrayList<>();
        for (Path path : paths) {
            if (!Files.isRegularFile(path)) {
                missing.add(path.toString());
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("not built yet: " + String.join(", ", missing)
                    + "; build them with: mvn -B -q -DskipTests install (from the repository root)");
        }
    }
}
