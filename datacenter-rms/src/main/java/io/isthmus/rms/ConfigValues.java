package io.isthmus.rms;

import io.isthmus.rms.domain.site.Names;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/** Typed, validated reads of configuration keys; every error names the key. */
final class ConfigValues {

    private final Properties properties;

    ConfigValues(Properties properties) {
        this.properties = properties;
    }

    Optional<String> optional(String key) {
        String value = properties.getProperty(key);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    String required(String key) {
        return optional(key).orElseThrow(() -> new InvalidConfigException(key, "missing configuration key " + key));
    }

    String name(String key) {
        String value = required(key);
        if (!Names.NAME.matcher(value).matches()) {
            throw new InvalidConfigException(key, key + "=" + value + " is not a valid name: use a lowercase letter"
                    + " followed by up to 30 lowercase letters, digits or '-'");
        }
        return value;
    }

    long positiveLong(String key) {
        String value = required(key);
        try {
            long number = Long.parseLong(value);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            throw new InvalidConfigException(key, key + "=" + value + " is not a whole number greater than 0", e);
        }
        throw new InvalidConfigException(key, key + "=" + value + " must be greater than 0");
    }

    long nonNegativeLong(String key) {
        String value = required(key);
        try {
            long number = Long.parseLong(value);
            if (number >= 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            throw new InvalidConfigException(key, key + "=" + value + " is not a whole number of 0 or more", e);
        }
        throw new InvalidConfigException(key, key + "=" + value + " must not be negative");
    }

    int positiveInt(String key) {
        long value = positiveLong(key);
        if (value > Integer.MAX_VALUE) {
            throw new InvalidConfigException(key, key + "=" + value + " is too large");
        }
        return (int) value;
    }

    int nonNegativeInt(String key) {
        long value = nonNegativeLong(key);
        if (value > Integer.MAX_VALUE) {
            throw new InvalidConfigException(key, key + "=" + value + " is too large");
        }
        return (int) value;
    }

    boolean bool(String key, boolean fallback) {
        Optional<String> value = optional(key);
        if (value.isEmpty()) {
            return fallback;
        }
        return switch (value.get()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidConfigException(key, key + "=" + value.get() + " must be true or false");
        };
    }

    URI requiredUri(String key, String... schemes) {
        return parseUri(key, required(key), schemes);
    }

    static URI parseUri(String key, String value, String... schemes) {
        try {
            URI uri = new URI(value);
            if (uri.getScheme() == null) {
                throw new InvalidConfigException(key, key + "=" + value + " is not an absolute URI");
            }
            if (schemes.length > 0 && !List.of(schemes).contains(uri.getScheme())) {
                throw new InvalidConfigException(key, key + "=" + value + " must use one of the schemes "
                        + String.join(", ", schemes));
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InvalidConfigException(key, key + "=" + value + " is not a valid URI: " + e.getReason(), e);
        }
    }
}
