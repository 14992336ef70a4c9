package io.isthmus.examples.federation.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessTest {

    @TempDir
    Path dir;

    @Test
    void aChildThatAnswersItsWsdlIsReadyAndStopsOnSigterm() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/svc", exchange -> {
            byte[] body = "<definitions/>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try (ChildProcess child = ChildProcess.start(spec("answering", List.of("sleep", "300"),
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/svc?wsdl")), dir.resolve("logs"))) {
            ReadinessProbe.awaitReady(child);

            assertTrue(child.isAlive());
            assertTrue(child.residentKib().orElseThrow() > 0);
            assertEquals(dir.resolve("logs/answering.log"), child.logFile());

            child.stop(Duration.ofSeconds(10));
            assertFalse(child.isAlive());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aChildThatDiesBeforeAnsweringIsNamedWithItsLog() throws IOException {
        ChildProcess child = ChildProcess.start(spec("dying", List.of("ls", "/no/such/dir"),
                URI.create("http://127.0.0.1:1/nothing?wsdl")), dir.resolve("logs"));

        ChildProcessException failure = assertThrows(ChildProcessException.class,
                () -> ReadinessProbe.awaitReady(child));

        assertTrue(failure.getMessage().contains("dying exited with code"), failure.getMessage());
        assertTrue(failure.getMessage().contains(child.logFile().toString()));
        assertTrue(Files.readString(child.logFile()).contains("/no/such/dir"), "the child's output is in its log");
    }

    private LaunchSpec spec(String name, List<String> command, URI readiness) {
        return new LaunchSpec(name, command, dir, readiness, Duration.ofSeconds(60));
    }
}
