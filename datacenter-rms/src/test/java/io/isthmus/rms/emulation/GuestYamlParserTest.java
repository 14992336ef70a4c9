package io.isthmus.rms.emulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.rms.infrastructure.command.CommandResult;
import io.isthmus.rms.infrastructure.command.CommandRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guest's YAML flattener (guest script yaml.awk), run by the host's busybox awk, the same awk the guest has, on
 * the seeds the RMS and people write: every scalar comes out as "path TAB value", quotes removed.
 */
class GuestYamlParserTest {

    @TempDir
    Path directory;

    @Test
    void readsTheNetworkConfigTheRmsWrites() throws IOException {
        String networkConfig = """
                version: 2
                ethernets:
                  nic0:
                    match:
                      macaddress: "02:49:53:00:00:01"
                    addresses:
                    - 10.1.0.5/24
                    dhcp4: false
                  nic1:
                    match:
                      macaddress: "52:54:00:ab:cd:ef"
                    dhcp4: false
                """;

        assertEquals("""
                version\t2
                ethernets/nic0/match/macaddress\t02:49:53:00:00:01
                ethernets/nic0/addresses\t10.1.0.5/24
                ethernets/nic0/dhcp4\tfalse
                ethernets/nic1/match/macaddress\t52:54:00:ab:cd:ef
                ethernets/nic1/dhcp4\tfalse
                """, flatten(networkConfig));
    }

    @Test
    void readsQuotedPlainAndFlowValuesListsAtAnyIndentAndListsOfMappings() throws IOException {
        String networkConfig = """
                # written by hand
                ---
                network:
                  version: 2
                  ethernets:
                    tenant0:
                      match: {macaddress: '02:49:53:00:00:02'}
                      set-name: 'tenant0'   # renamed
                      addresses:
                        - '10.2.0.5/16'
                        - "10.3.0.5/24"

                      routes:
                      - to: default
                        via: 10.2.0.1
                      - to: 192.168.0.0/16
                        via: 10.2.0.2
                    eth1:
                      match:
                        macaddress: 52:54:00:12:34:56
                      addresses: [10.4.0.1/24, "10.5.0.1/24"]
                """;

        assertEquals("""
                network/version\t2
                network/ethernets/tenant0/match/macaddress\t02:49:53:00:00:02
                network/ethernets/tenant0/set-name\ttenant0
                network/ethernets/tenant0/addresses\t10.2.0.5/16
                network/ethernets/tenant0/addresses\t10.3.0.5/24
                network/ethernets/tenant0/routes/0/to\tdefault
                network/ethernets/tenant0/routes/0/via\t10.2.0.1
                network/ethernets/tenant0/routes/1/to\t192.168.0.0/16
                network/ethernets/tenant0/routes/1/via\t10.2.0.2
                network/ethernets/eth1/match/macaddress\t52:54:00:12:34:56
                network/ethernets/eth1/addresses\t10.4.0.1/24
                network/ethernets/eth1/addresses\t10.5.0.1/24
                """, flatten(networkConfig));
    }

    @Test
    void undoesTheEscapesOfQuotedScalarsAndReadsWindowsLineEnds() throws IOException {
        String metaData = "instance-id: \"isthmus-\\\"r1\\\"\"\r\nlocal-hostname: 'it''s-a'\r\nplain: a # b\r\n";

        assertEquals("instance-id\tisthmus-\"r1\"\nlocal-hostname\tit's-a\nplain\ta\n", flatten(metaData));
    }

    private String flatten(String yaml) throws IOException {
        Path script = directory.resolve("yaml.awk");
        Files.writeString(script, GuestScripts.load().text(GuestScripts.YAML_PARSER));
        Path input = Files.writeString(directory.resolve("input.yaml"), yaml);
        CommandResult result = CommandRunner.withDefaultTimeout()
                .run(List.of("busybox", "awk", "-f", script.toString(), input.toString()));
        assertTrue(result.succeeded() && result.stderr().isEmpty(), result.describe());
        return result.stdout();
    }
}
