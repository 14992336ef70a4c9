package io.isthmus.rms.infrastructure.libvirt.storage;

import io.isthmus.rms.domain.compute.GuestConfig;
import io.isthmus.rms.domain.compute.GuestNic;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/**
 * The three files of a cloud-init NoCloud seed for one guest: {@code meta-data} (instance id, hostname),
 * {@code user-data} (an empty {@code #cloud-config}) and {@code network-config} version 2 (one {@code nic<i>} per
 * NIC, matched by MAC, with its static address and no DHCP), so that a stock cloud image configures itself.
 * Values that come from a request (MACs, names) are always double-quoted: YAML 1.1 readers such as cloud-init's
 * would take a MAC like {@code 52:54:00:12:34:56} for a base-60 number and a hostname like {@code no} for false.
 */
public record NoCloudSeed(String metaData, String userData, String networkConfig) {

    public static final String META_DATA = "meta-data";
    public static final String USER_DATA = "user-data";
    public static final String NETWORK_CONFIG = "network-config";

    public static NoCloudSeed of(GuestConfig guest) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("instance-id", new Quoted(guest.instanceId().value()));
        meta.put("local-hostname", new Quoted(guest.hostname().value()));
        Map<String, Object> ethernets = new LinkedHashMap<>();
        List<GuestNic> nics = guest.nics();
        for (int i = 0; i < nics.size(); i++) {
            ethernets.put("nic" + i, ethernet(nics.get(i)));
        }
        Map<String, Object> network = new LinkedHashMap<>();
        network.put("version", 2);
        network.put("ethernets", ethernets);
        Yaml yaml = yaml();
        return new NoCloudSeed(yaml.dump(meta), "#cloud-config\n", yaml.dump(network));
    }

    /** The files by their name in the seed, in the order they go on the ISO. */
    public Map<String, String> files() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(USER_DATA, userData);
        files.put(META_DATA, metaData);
        files.put(NETWORK_CONFIG, networkConfig);
        return files;
    }

    /** SHA-256 of the three files (names and contents), in hex: two seeds with the same files have the same one. */
    public String fingerprint() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            files().forEach((name, content) -> {
                byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
                digest.update((name + "\0" + bytes.length + "\0").getBytes(StandardCharsets.UTF_8));
                digest.update(bytes);
            });
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256, which every Java SE runtime must have", e);
        }
    }

    private static Map<String, Object> ethernet(GuestNic nic) {
        Map<String, Object> ethernet = new LinkedHashMap<>();
        ethernet.put("match", Map.of("macaddress", new Quoted(nic.mac().value())));
        nic.address().ifPresent(address -> ethernet.put("addresses", List.of(address.toString())));
        ethernet.put("dhcp4", false);
        return ethernet;
    }

    private static Yaml yaml() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setExplicitStart(false);
        return new Yaml(new QuotingRepresenter(options), options);
    }

    /** A string that is written double-quoted whatever it looks like. */
    private record Quoted(String value) {
    }

    private static final class QuotingRepresenter extends Representer {

        QuotingRepresenter(DumperOptions options) {
            super(options);
            this.representers.put(Quoted.class,
                    data -> representScalar(Tag.STR, ((Quoted) data).value(), DumperOptions.ScalarStyle.DOUBLE_QUOTED));
        }
    }
}
