package io.isthmus.examples.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientMainTest {

    @Test
    void anInvalidViDocumentExitsWith65BeforeCallingTheBroker(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.xml");
        Files.writeString(file, "<virtualInfrastructure xmlns=\"urn:isthmus:v1\"><tenant>T1</tenant>"
                + "</virtualInfrastructure>");

        assertEquals(65, ClientMain.run(new String[] {"--vi", file.toString()}));
    }

    @Test
    void anUnreachableBrokerExitsWith1() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }

        int exit = ClientMain.run(new String[] {"--vi", "two-site-vi.xml",
            "--broker", "http://127.0.0.1:" + closedPort + "/isthmus/BrokerService"});

        assertEquals(1, exit);
    }

    @Test
    void anUnknownOptionIsAUsageError() throws Exception {
        assertEquals(64, ClientMain.run(new String[] {"--frobnicate"}));
    }
}
