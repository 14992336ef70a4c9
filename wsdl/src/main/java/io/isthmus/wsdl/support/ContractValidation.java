package io.isthmus.wsdl.support;

import io.isthmus.schema.v1.FaultCode;
import io.isthmus.schema.v1.ObjectFactory;
import io.isthmus.schema.v1.ServiceFaultInfo;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.soap.Detail;
import jakarta.xml.soap.SOAPConstants;
import jakarta.xml.soap.SOAPException;
import jakarta.xml.soap.SOAPFactory;
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
    private static final JAXBContext JAXB = jaxb();

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
        try {
            String message = "the request does not match the " + service + " schema: " + String.join("; ", problems);
            SOAPFault fault = SOAPFactory.newInstance().createFault(message,
                    new QName(SOAPConstants.URI_NS_SOAP_1_1_ENVELOPE, "Client"));
            Detail detail = fault.addDetail();
            ServiceFaultInfo info = ServiceFaults.info(FaultCode.VALIDATION, message, null, problems);
            JAXB.createMarshaller().marshal(new ObjectFactory().createServiceFault(info), detail);
            return fault;
        } catch (SOAPException | JAXBException e) {
            throw new IllegalStateException("cannot build the validation fault", e);
        }
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

    private static JAXBContext jaxb() {
        try {
            return JAXBContext.newInstance(ObjectFactory.class);
        } catch (JAXBException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Override
    public boolean handleFault(SOAPMessageContext context) {
        return true;
    }

    @Override
    public void close(MessageContext context) {
    }

    @Override
    public Set<QName> getHeaders() {
        return Set.of(HEADER);
    }
}
