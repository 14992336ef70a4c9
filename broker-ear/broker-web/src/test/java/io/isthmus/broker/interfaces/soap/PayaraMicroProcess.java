package io.isthmus.broker.interfaces.soap;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The broker WAR as built, on the real Payara Micro started as its own process with the given broker settings
 * (system properties), the way an operator runs it; for settings a test must choose before the server starts.
 */
final class PayaraMicroProcess implements AutoCloseable {
    private static final Duration READY_WITHIN = Duration.ofSeconds(240);

    private final Process process;
    private final URL base;
    private final Path log;

    private PayaraMicroProcess(Process process, URL base, Path log) {
        this.process = process;
        this.base = base;
        this.log = log;
    }

    static PayaraMicroProcess deploy(Path war, Path payaraJar, Map<String, String> settings, Path workDir)
            throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-Dcom.sun.xml.ws.monitoring.endpoint=false"));
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", payaraJar.toString(), "--deploy", war.toString(), "--port",
                Integer.toString(port), "--nocluster", "--rootdir", workDir.resolve("payara").toString()));
        Path log = workDir.resolve("payara-micro.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PayaraMicroProcess micro = new PayaraMicroProcess(process, new URL("http://127.0.0.1:" + port + "/isthmus/"), log);
        micro.awaitWsdl();
        return micro;
    }

    URL base() {
        return base;
    }

    private void awaitWsdl() throws IOException {
        Instant deadline = Instant.now().plus(READY_WITHIN);
        URL wsdl = new URL(base, "BrokerService?wsdl");
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            try {
                HttpURLConnection c = (HttpURLConnection) wsdl.openConnection();
                c.setConnectTimeout(1000);
                try (InputStream in = c.getInputStream()) {
                    if (c.getResponseCode() == 200) {
                        in.readAllBytes();
                        return;
                    }
                }
            } catch (IOException notYet) {
                pause();
            }
        }
        close();
        throw new IllegalStateException("Payara Micro did not serve " + wsdl + " within " + READY_WITHIN.toSeconds()
                + " s; its log " + log + " ends with:\n" + tail());
    }

    private String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
