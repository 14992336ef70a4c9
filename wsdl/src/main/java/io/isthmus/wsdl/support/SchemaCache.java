package io.isthmus.wsdl.support;

import java.net.URL;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.xml.XMLConstants;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.xml.sax.SAXException;

/** Compiles each contract schema once per class loader; a compiled {@link Schema} is thread-safe. */
final class SchemaCache {
    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private SchemaCache() {
    }

    static Schema get(String resource) {
        return SCHEMAS.computeIfAbsent(resource, SchemaCache::compile);
    }

    private static Schema compile(String resource) {
        URL xsd = SchemaCache.class.getResource(resource);
        if (xsd == null) {
            throw new IllegalArgumentException("no contract schema " + resource + " on the class path");
        }
        try {
            return SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(xsd);
        } catch (SAXException e) {
            throw new IllegalStateException("the contract schema " + resource + " does not compile", e);
        }
    }
}
