package io.isthmus.wsdl.support;

import io.isthmus.schema.v1.FaultCode;
import jakarta.xml.soap.SOAPException;
import jakarta.xml.soap.SOAPFault;
import jakarta.xml.soap.SOAPHeader;
import jakarta.xml.ws.handler.MessageContext;
import jakarta.xml.ws.handler.soap.SOAPHandler;
import jakarta.xml.ws.handler.soap.SOAPMessageContext;
import jakarta.xml.ws.soap.SOAPFaultException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.namespace.QName;
import javax.xml.transform.dom.DOMSource;
import javax.xml.validation.Schema;
import javax.xml.validation.Validator;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Validates every incoming request body and its isthmusHeader against a service's XSD before anything is
 * unmarshalled, and answers an invalid one with the typed {@code serviceFault} (code VALIDATION) listing every
 * problem. One subclass per service names its schema, so that handler chains can instantiate it.
 */
public abstract class ContractValidation implements SOAPHandler<SOAPMessageContext> {
    private static final QName HEADER = new QName("urn:isthmus:v1", "isthmusHeader");

    private final String service;
    private final Schema schema;

    /**
     * @param service   the service's name, for the fault message
     * @param xsd       the classpath resource of the service's message schema, e.g. {@code /wsdl/isthmus-site.xsd}
     */
    protected ContractValidation(String service, String xsd) {
        this.service = service;
        this.schema = SchemaCache.get(xsd);
    }

    @Override
    public boolean handleMessage(SOAPMessageContext context) {
        if (Boolean.TRUE.equals(context.get(MessageContext.MESSAGE_OUTBOUND_PROPERTY))) {
            return true;
        }
        List<String> problems = new ArrayList<>();
        try {
            Element body = firstElement(context.getMessage().getSOAPBody());
            if (body == null) {
                problems.add("the SOAP body is empty");
            } else {
                validate(body, problems);
            }
            SOAPHeader soapHeader = context.getMessage().getSOAPHeader();
            Element header = soapHeader == null ? null : child(soapHeader, HEADER);
            if (header == null) {
                problems.add("isthmusHeader: every call needs the isthmusHeader SOAP header (correlationId, requesterId)");
            } else {
                validate(header, problems);
            }
        } catch (SOAPException e) {
            problems.add("the message is not a readable SOAP envelope: " + e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new SOAPFaultException(fault(problems));
        }
        return true;
    }

    private void validate(Element element, List<String> problems) {
        Validator validator = schema.newValidator();
        validator.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
            }

            @Override
            public void error(SAXParseException e) {
                problems.add(element.getLocalName() + ": " + e.getMessage());
            }

            @Override
            public void fatalError(SAXParseException e) {
                problems.add(element.getLocalName() + ": " + e.getMessage());
            }
        });
        try {
            validator.validate(new DOMSource(element));
        } catch (SAXException | java.io.IOException e) {
            problems.add(element.getLocalName() + ": " + e.getMessage());
        }
    }

    private SOAPFault fault(List<String> problems) {
        String message = "the request does not match the " + service + " schema: " + String.join("; ", problems);
        return SoapFaultMessages.clientFault(FaultCode.VALIDATION, message, problems);
    }

    private static Element firstElement(Node parent) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return e;
            }
        }
        return null;
    }

    private static Element child(Node parent, QName name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.getNamespaceURI().equals(e.getNamespaceURI())
                    && name.getLocalPart().equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    @Override
    public boolean handleFault(SOAPMessageContext context) {
        clientFaultWhenRequestWasWrong(context);
        return true;
    }

    /**
     * A typed fault with code VALIDATION says the request must change: SOAP 1.1 calls that a Client fault, while the
     * SOAP stack marks every fault it builds from a service exception as Server.
     */
    private static void clientFaultWhenRequestWasWrong(SOAPMessageContext context) {
        try {
            SOAPFault fault = context.getMessage().getSOAPBody().getFault();
            if (fault == null || fault.getDetail() == null) {
                return;
            }
            org.w3c.dom.NodeList codes = fault.getDetail().getElementsByTagNameNS("urn:isthmus:v1", "code");
            if (codes.getLength() == 1 && FaultCode.VALIDATION.name().equals(codes.item(0).getTextContent())) {
                fault.setFaultCode(SoapFaultMessages.CLIENT);
            }
        } catch (SOAPException e) {
            // the fault goes out as the service built it
        }
    }

    @Override
    public void close(MessageContext context) {
    }

    @Override
    public Set<QName> getHeaders() {
        return Set.of(HEADER);
    }
}
