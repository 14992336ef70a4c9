package io.isthmus.examples.federation.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/** Writes a configuration map as a {@code .properties} file, keys in their given order. */
public final class PropertiesFile {

    private PropertiesFile() {
    }

    public static Path write(Path file, Map<String, String> keys, String comment) {
        StringBuilder text = new StringBuilder("# ").append(comment).append('\n');
        Properties escaper = new Properties();
        try {
            Files.createDirectories(file.getParent());
            for (Map.Entry<String, String> entry : keys.entrySet()) {
                escaper.clear();
                escaper.setProperty(entry.getKey(), entry.getValue());
                StringWriter line = new StringWriter();
                escaper.store(line, null);
                line.toString().lines().filter(l -> !l.startsWith("#")).forEach(l -> text.append(l).append('\n'));
            }
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                out.write(text.toString());
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write configuration " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a properties file back (for tests and diagnostics). */
    public static Properties read(Path file) {
        Properties properties = new Properties();
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read configuration " + file + ": " + e.getMessage(), e);
        }
    }
}
