package io.isthmus.examples.federation.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Command lines (argument arrays) of the federation's Java children. */
public final class JavaCommands {

    private static final List<String> LEAN_JVM = List.of("-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private JavaCommands() {
    }

    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A lean Java SE service (site RMS or gateway) started from its executable jar with a config file. */
    public static List<String> service(Path jar, Path config) {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(LEAN_JVM);
        command.add("-jar");
        command.add(jar.toString());
        command.add("--config");
        command.add(config.toString());
        return command;
    }

    /** The broker WAR on Payara Micro, with the broker's settings as system properties. */
    public static List<String> broker(Artifacts artifacts, int port, Path payaraRoot, Map<String, String> settings) {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.add("-Xmx512m");
        // Payara validates the WAR's JNDI references while deploying, before the application's own
        // @DataSourceDefinition is bound; under load that lookup once failed a broker restart (the app was left
        // undeployed, answering 404). JPA still looks the datasource up itself and fails the deployment if it is
        // really missing.
        command.add("-Ddeployment.resource.validation=false");
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", artifacts.payaraMicroJar().toString(),
                "--deploy", artifacts.brokerWar().toString(),
                "--port", Integer.toString(port),
                "--nocluster",
                "--rootdir", payaraRoot.toString()));
        return command;
    }
}
