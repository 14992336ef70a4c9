package io.isthmus.examples.federation.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void readsWhatKeycloakWrites() {
        Map<String, Object> value = Json.object("{\"keys\":[{\"kid\":\"a\\/b\",\"n\":\"x_-\"}], \"exp\":1796335283,"
                + " \"ok\":true, \"none\":null, \"name\":\"\\u00e9t\\u00e9\", \"empty\":[], \"f\":-1.5e2}");

        assertEquals(List.of(Map.of("kid", "a/b", "n", "x_-")), value.get("keys"));
        assertEquals(new BigDecimal("1796335283"), value.get("exp"));
        assertEquals(Boolean.TRUE, value.get("ok"));
        assertSame(Json.NULL, value.get("none"));
        assertEquals("été", value.get("name"));
        assertEquals(List.of(), value.get("empty"));
        assertEquals(0, new BigDecimal("-150").compareTo((BigDecimal) value.get("f")));
    }

    @Test
    void refusesWhatIsNotJson() {
        for (String bad : List.of("{\"a\":1,}", "{'a':1}", "{\"a\":01}", "[1 2]", "\"open", "{\"a\":tru}")) {
            assertThrows(IllegalArgumentException.class, () -> Json.parse(bad), bad);
        }
    }
}
