package io.isthmus.rms.infrastructure.libvirt.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.rms.domain.compute.DomainName;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InstanceFilesTest {

    private static final DomainName DB = new DomainName("isthmus-0a1b2c3d-0b7d-4c61-9f1e-2a6d8c4b5e70-db-1");

    @Test
    void aVmOwnsItsOverlaySeedAndConsoleLogsIncludingRotatedOnes() {
        InstanceFiles files = new InstanceFiles(DB);

        assertEquals("isthmus-0a1b2c3d-0b7d-4c61-9f1e-2a6d8c4b5e70-db-1.qcow2", files.overlay());
        assertEquals("isthmus-0a1b2c3d-0b7d-4c61-9f1e-2a6d8c4b5e70-db-1.seed.iso", files.seed());
        assertEquals("isthmus-0a1b2c3d-0b7d-4c61-9f1e-2a6d8c4b5e70-db-1.console.log", files.consoleLog());
        assertTrue(files.owns("isthmus-0a1b2c3d-0b7d-4c61-9f1e-2a6d8c4b5e70-db-1.console.log.2"));
        assertFalse(files.owns("isthmus-0a1b2c3d-0b7d-4c61-9f1e-2a6d8c4b5e70-db-10.qcow2"), "another VM whose name starts alike");
        assertFalse(files.owns("isthmus-0a1b2c3d-0b7d-4c61-9f1e-2a6d8c4b5e70-db-1.qcow2.bak"));
    }

    @Test
    void filesTheRmsDidNotNameHaveNoOwner() {
        assertEquals(Optional.of(DB), InstanceFiles.owner("isthmus-0a1b2c3d-0b7d-4c61-9f1e-2a6d8c4b5e70-db-1.seed.iso"));
        assertEquals(Optional.empty(), InstanceFiles.owner("debian-12.qcow2"));
        assertEquals(Optional.empty(), InstanceFiles.owner("notes.txt"));
    }
}
