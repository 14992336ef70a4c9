package io.isthmus.examples.federation.identity;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keycloak's JSON answers as plain Java values, read with Jakarta JSON Processing (Eclipse Parsson): objects become
 * maps, arrays lists, strings strings, numbers {@link java.math.BigDecimal}, booleans {@link Boolean} and
 * {@code null} {@link #NULL}, so that tests compare them with {@code assertEquals}.
 */
final class Json {

    /** JSON's {@code null} (a map would otherwise not tell it from a missing key). */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    private Json() {
    }

    /** The object in {@code text}; an {@link IllegalArgumentException} when it is not one JSON object. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> object(String text) {
        Object value = parse(text);
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException("not a JSON object: " + text);
        }
        return (Map<String, Object>) value;
    }

    /** Any JSON value in {@code text}; an {@link IllegalArgumentException} when it is not JSON. */
    static Object parse(String text) {
        try (JsonReader reader = jakarta.json.Json.createReader(new StringReader(text))) {
            return plain(reader.readValue());
        } catch (JsonException e) {   // JsonParsingException included
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }

    private static Object plain(JsonValue value) {
        return switch (value.getValueType()) {
            case OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                ((JsonObject) value).forEach((key, member) -> map.put(key, plain(member)));
                yield map;
            }
            case ARRAY -> ((JsonArray) value).stream().map(Json::plain).toList();
            case STRING -> ((JsonString) value).getString();
            case NUMBER -> ((JsonNumber) value).bigDecimalValue();
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case NULL -> NULL;
        };
    }
}
