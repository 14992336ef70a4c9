package io.isthmus.rms.emulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EffectiveUserTest {

    @Test
    void theEffectiveUidDecidesNotTheRealOneOrTheUserName() {
        assertTrue(EffectiveUser.isRoot("Name:\tjava\nUid:\t1000\t0\t0\t0\nGid:\t0\t0\t0\t0\n"), "setuid root");
        assertFalse(EffectiveUser.isRoot("Name:\tjava\nUid:\t0\t1000\t1000\t1000\n"), "dropped to 1000");
        assertFalse(EffectiveUser.isRoot("Name:\troot\n"), "no Uid line");
        String user = System.getProperty("user.name");
        try {
            System.setProperty("user.name", "root");
            assertEquals(new com.sun.security.auth.module.UnixSystem().getUid() == 0, EffectiveUser.isRoot(),
                    "a user.name of root changes nothing");
        } finally {
            System.setProperty("user.name", user);
        }
    }
}
