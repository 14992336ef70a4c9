package io.isthmus.rms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.rms.infrastructure.libvirt.storage.StoragePoolNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RmsConfigTest {

    @TempDir
    Path dir;

    @Test
    void readsTheSiteItsHostsAndDefaults() {
        Properties p = TestSite.properties(dir);
        p.remove("site.imageDir");
        p.setProperty("host.a2.uri", "qemu+ssh://a2/system");
        RmsConfig config = RmsConfig.fromProperties(p);

        assertEquals("site-a", config.siteId().value());
        assertEquals(2, config.hosts().size());
        assertEquals(65536, config.hosts().get(0).memoryMib());
        assertTrue(config.hosts().get(0).nestedVirtualization());
        assertEquals(Optional.empty(), config.hosts().get(0).libvirtUri());
        assertEquals(Optional.of("qemu+ssh://a2/system"), config.hosts().get(1).libvirtUri());
        assertEquals(RmsConfig.DEFAULT_IMAGE_DIR, config.imageDir());
        assertEquals("gw-a", config.site().gatewayId());
    }

    @Test
    void loadsTheShippedExampleFile() {
        RmsConfig config = RmsConfig.load(Path.of("src/main/config/site-a.properties"));
        assertEquals("http://127.0.0.1:8101/rms/SiteRmsService", config.listen().toString());
        assertEquals(2, config.hosts().size());
    }

    @Test
    void aMissingKeyIsNamed() {
        Properties p = TestSite.properties(dir);
        p.remove("host.a2.memoryMib");
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> RmsConfig.fromProperties(p));
        assertEquals("host.a2.memoryMib", e.key());
        assertTrue(e.getMessage().contains("missing configuration key host.a2.memoryMib"), e.getMessage());
    }

    @Test
    void aBadSiteIdIsRefusedWithTheRule() {
        Properties p = TestSite.properties(dir);
        p.setProperty("site.id", "Site_A");
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> RmsConfig.fromProperties(p));
        assertEquals("site.id", e.key());
        assertTrue(e.getMessage().contains("lowercase letter"), e.getMessage());
    }

    @Test
    void numbersMustBePositiveWholeNumbers() {
        Properties p = TestSite.properties(dir);
        p.setProperty("host.a1.cores", "sixteen");
        assertEquals("host.a1.cores", assertThrows(InvalidConfigException.class,
                () -> RmsConfig.fromProperties(p)).key());
        p.setProperty("host.a1.cores", "0");
        assertEquals("host.a1.cores", assertThrows(InvalidConfigException.class,
                () -> RmsConfig.fromProperties(p)).key());
    }

    @Test
    void guestsDefaultToTwoMinutesToBeReadyAndAProbedDomainTypeAndTheOperatorMaySetBoth() {
        RmsConfig defaults = RmsConfig.fromProperties(TestSite.properties(dir));
        assertEquals(java.time.Duration.ofSeconds(120), defaults.guests().readyTimeout());
        assertEquals(10, defaults.guests().bootsPerHost());
        assertEquals(32, defaults.guests().tcgCacheMib());
        assertEquals(io.isthmus.rms.infrastructure.libvirt.VirtTypeChoice.AUTO, defaults.hosts().get(0).virtType());

        Properties p = TestSite.properties(dir);
        p.setProperty("site.guest.readyTimeout.seconds", "30");
        p.setProperty("site.guest.bootsPerHost", "2");
        p.setProperty("site.guest.tcgCacheMib", "0");
        p.setProperty("host.a1.virtType", "qemu");
        RmsConfig set = RmsConfig.fromProperties(p);
        assertEquals(java.time.Duration.ofSeconds(30), set.guests().readyTimeout());
        assertEquals(2, set.guests().bootsPerHost());
        assertEquals(0, set.guests().tcgCacheMib());
        p.setProperty("site.guest.tcgCacheMib", "-8");
        assertEquals("site.guest.tcgCacheMib", assertThrows(InvalidConfigException.class,
                () -> RmsConfig.fromProperties(p)).key());
        p.setProperty("site.guest.tcgCacheMib", "64");
        p.setProperty("site.guest.parallelStarts", "4");
        InvalidConfigException renamed = assertThrows(InvalidConfigException.class, () -> RmsConfig.fromProperties(p));
        assertTrue(renamed.getMessage().contains("site.guest.bootsPerHost"), renamed.getMessage());
        p.remove("site.guest.parallelStarts");
        assertEquals(io.isthmus.rms.infrastructure.libvirt.VirtTypeChoice.QEMU, set.hosts().get(0).virtType());

        p.setProperty("host.a1.virtType", "xen");
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> RmsConfig.fromProperties(p));
        assertTrue(e.getMessage().contains("host.a1.virtType=xen") && e.getMessage().contains("auto"),
                e.getMessage());
        p.setProperty("host.a1.virtType", "kvm");
        p.setProperty("site.guest.readyTimeout.seconds", "0");
        assertThrows(InvalidConfigException.class, () -> RmsConfig.fromProperties(p));
    }

    @Test
    void nestedMustBeTrueOrFalse() {
        Properties p = TestSite.properties(dir);
        p.setProperty("host.a1.nested", "yes");
        assertEquals("host.a1.nested", assertThrows(InvalidConfigException.class,
                () -> RmsConfig.fromProperties(p)).key());
    }

    @Test
    void listenNeedsHttpPortAndPath() {
        Properties p = TestSite.properties(dir);
        p.setProperty("site.listen", "ftp://127.0.0.1:8101/rms");
        assertEquals("site.listen", assertThrows(InvalidConfigException.class,
                () -> RmsConfig.fromProperties(p)).key());
        p.setProperty("site.listen", "http://127.0.0.1/");
        assertEquals("site.listen", assertThrows(InvalidConfigException.class,
                () -> RmsConfig.fromProperties(p)).key());
    }

    @Test
    void invalidOrDuplicateHostNamesAreRefused() {
        Properties p = TestSite.properties(dir);
        p.setProperty("site.hosts", "a1,a1");
        assertTrue(assertThrows(InvalidConfigException.class, () -> RmsConfig.fromProperties(p))
                .getMessage().contains("twice"));
        p.setProperty("site.hosts", "a1,../etc");
        assertEquals("site.hosts", assertThrows(InvalidConfigException.class,
                () -> RmsConfig.fromProperties(p)).key());
    }

    @Test
    void anUnreadableFileNamesThePath() {
        Path missing = dir.resolve("nope.properties");
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> RmsConfig.load(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertTrue(Files.notExists(missing));
    }

    @Test
    void hostLinksAreTenGigabitAndTheLinkIsReDividedEverySecondUnlessConfigured() {
        RmsConfig defaults = RmsConfig.fromProperties(TestSite.properties(dir));
        assertEquals(10_000, defaults.hosts().get(0).linkMbps());
        assertEquals(java.time.Duration.ofSeconds(1), defaults.qosPeriod());

        Properties p = TestSite.properties(dir);
        p.setProperty("host.a2.linkMbps", "1000");
        p.setProperty("site.qos.periodMillis", "250");
        RmsConfig configured = RmsConfig.fromProperties(p);
        assertEquals(10_000, configured.hosts().get(0).linkMbps());
        assertEquals(1000, configured.hosts().get(1).linkMbps());
        assertEquals(java.time.Duration.ofMillis(250), configured.qosPeriod());
    }

    @Test
    void holdsLastAtMostTenMinutesAndEndedBookingsAreTornDownAMinuteAfterTheirWindowUnlessConfigured() {
        RmsConfig defaults = RmsConfig.fromProperties(TestSite.properties(dir));
        assertEquals(java.time.Duration.ofSeconds(600), defaults.leases().maxHold());
        assertEquals(java.time.Duration.ofSeconds(60), defaults.leases().teardownGrace());

        Properties p = TestSite.properties(dir);
        p.setProperty("site.hold.maxSeconds", "90");
        p.setProperty("site.teardown.graceSeconds", "0");
        RmsConfig configured = RmsConfig.fromProperties(p);
        assertEquals(java.time.Duration.ofSeconds(90), configured.leases().maxHold());
        assertEquals(java.time.Duration.ZERO, configured.leases().teardownGrace());
    }

    @Test
    void aLongestHoldThatIsNotPositiveOrANegativeGraceIsRefusedNamingTheKey() {
        Properties zeroHold = TestSite.properties(dir);
        zeroHold.setProperty("site.hold.maxSeconds", "0");
        assertEquals("site.hold.maxSeconds", assertThrows(InvalidConfigException.class,
                () -> RmsConfig.fromProperties(zeroHold)).key());
        Properties negativeGrace = TestSite.properties(dir);
        negativeGrace.setProperty("site.teardown.graceSeconds", "-1");
        InvalidConfigException grace = assertThrows(InvalidConfigException.class,
                () -> RmsConfig.fromProperties(negativeGrace));
        assertEquals("site.teardown.graceSeconds", grace.key());
        assertTrue(grace.getMessage().contains("must not be negative"), grace.getMessage());
    }

    @Test
    void aLinkCapacityOrPeriodThatIsNotPositiveIsRefusedNamingTheKey() {
        Properties zeroLink = TestSite.properties(dir);
        zeroLink.setProperty("host.a1.linkMbps", "0");
        InvalidConfigException link = assertThrows(InvalidConfigException.class,
                () -> RmsConfig.fromProperties(zeroLink));
        assertEquals("host.a1.linkMbps", link.key());

        Properties badPeriod = TestSite.properties(dir);
        badPeriod.setProperty("site.qos.periodMillis", "soon");
        InvalidConfigException period = assertThrows(InvalidConfigException.class,
                () -> RmsConfig.fromProperties(badPeriod));
        assertEquals("site.qos.periodMillis", period.key());
        assertTrue(period.getMessage().contains("is not a whole number"), period.getMessage());
    }

    @Test
    void theKillFileIsOffUnlessSetAndMustBeAnAbsolutePath() {
        assertEquals(Optional.empty(), TestSite.config(dir).killAtFile(), "no fault injection by default");

        Properties armed = TestSite.properties(dir);
        armed.setProperty("site.fault.killAtFile", dir.resolve("kill").toString());
        assertEquals(Optional.of(dir.resolve("kill")), RmsConfig.fromProperties(armed).killAtFile());

        Properties relative = TestSite.properties(dir);
        relative.setProperty("site.fault.killAtFile", "kill-here");
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> RmsConfig.fromProperties(relative));
        assertEquals("site.fault.killAtFile", e.key());
        assertTrue(e.getMessage().contains("must be an absolute path"), e.getMessage());
    }

    @Test
    void theStoragePoolsAreIsthmusImagesAndIsthmusInstancesUnlessConfigured() {
        assertEquals(new StoragePoolNames("isthmus-images", "isthmus-instances"), TestSite.config(dir).storagePools());

        Properties p = TestSite.properties(dir);
        p.setProperty("site.imagePool", "glance.images");
        p.setProperty("site.instancePool", "vm_disks");
        assertEquals(new StoragePoolNames("glance.images", "vm_disks"), RmsConfig.fromProperties(p).storagePools());
    }

    @Test
    void aPoolNameLibvirtWouldRefuseOrOnePoolForBothIsRefusedNamingTheKey() {
        Properties slash = TestSite.properties(dir);
        slash.setProperty("site.imagePool", "images/debian");
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> RmsConfig.fromProperties(slash));
        assertEquals("site.imagePool", e.key());
        assertTrue(e.getMessage().contains("site.imagePool=images/debian is not a usable libvirt storage pool name"),
                e.getMessage());

        Properties same = TestSite.properties(dir);
        same.setProperty("site.instancePool", "isthmus-images");
        InvalidConfigException both = assertThrows(InvalidConfigException.class,
                () -> RmsConfig.fromProperties(same));
        assertEquals("site.instancePool", both.key());
        assertTrue(both.getMessage().contains("must not go into the image catalog"), both.getMessage());
    }
}
