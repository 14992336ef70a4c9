package io.isthmus.rms.emulation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scripts the test guest runs, shipped as resources under {@code io/isthmus/rms/emulation/guest/}: the
 * initramfs's /init, the guest's /sbin/init, the YAML flattener it reads the NoCloud seed with and the handler of
 * the TEST-ONLY control listener.
 */
record GuestScripts(Map<String, String> texts) {

    static final String INITRAMFS_INIT = "initramfs-init";
    static final String INIT = "init";
    static final String YAML_PARSER = "yaml.awk";
    static final String CONTROL = "control";

    private static final List<String> NAMES = List.of(INITRAMFS_INIT, INIT, YAML_PARSER, CONTROL);

    GuestScripts {
        texts = Map.copyOf(texts);
    }

    static GuestScripts load() {
        Map<String, String> texts = new LinkedHashMap<>();
        for (String name : NAMES) {
            texts.put(name, read(name));
        }
        return new GuestScripts(texts);
    }

    String text(String name) {
        String text = texts.get(name);
        if (text == null) {
            throw new IllegalArgumentException("no guest script " + name);
        }
        return text;
    }

    /** Every script's name, in a stable order. */
    List<String> names() {
        return NAMES;
    }

    private static String read(String name) {
        try (InputStream in = GuestScripts.class.getResourceAsStream("guest/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the guest script resource guest/" + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the guest script " + name, e);
        }
    }
}
