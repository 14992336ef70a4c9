package io.isthmus.wsdl.support;

import io.isthmus.schema.v1.FaultCode;
import io.isthmus.schema.v1.ObjectFactory;
import io.isthmus.schema.v1.ServiceFaultInfo;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.soap.MessageFactory;
import jakarta.xml.soap.SOAPConstants;
import jakarta.xml.soap.SOAPException;
import jakarta.xml.soap.SOAPFactory;
import jakarta.xml.soap.SOAPFault;
import jakarta.xml.soap.SOAPMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import javax.xml.namespace.QName;

/**
 * SOAP 1.1 faults with the typed {@code serviceFault} detail, built with SAAJ and JAXB: thrown from handlers, or
 * written as a whole envelope by an edge that refuses a request before any SOAP stack reads it.
 */
public final class SoapFaultMessages {

    /** SOAP 1.1's fault code for a request the client must change. */
    public static final QName CLIENT = new QName(SOAPConstants.URI_NS_SOAP_1_1_ENVELOPE, "Client");
    private static final JAXBContext JAXB = jaxb();

    private SoapFaultMessages() {
    }

    /** A Client fault carrying {@code serviceFault} with {@code code}, {@code message} and one detail per line. */
    public static SOAPFault clientFault(FaultCode code, String message, List<String> details) {
        try {
            SOAPFault fault = SOAPFactory.newInstance().createFault(message, CLIENT);
            addDetail(fault, ServiceFaults.info(code, message, null, details));
            return fault;
        } catch (SOAPException e) {
            throw new IllegalStateException("cannot build a SOAP fault", e);
        }
    }

    /** A whole SOAP 1.1 envelope whose body is a Client fault as {@link #clientFault} builds it, in UTF-8. */
    public static byte[] clientFaultEnvelope(FaultCode code, String message) {
        try {
            SOAPMessage envelope = MessageFactory.newInstance().createMessage();
            SOAPFault fault = envelope.getSOAPBody().addFault(CLIENT, message);
            addDetail(fault, ServiceFaults.info(code, message, null, List.of()));
            envelope.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            envelope.writeTo(out);
            return out.toByteArray();
        } catch (SOAPException | IOException e) {
            throw new IllegalStateException("cannot build a SOAP fault envelope", e);
        }
    }

    private static void addDetail(SOAPFault fault, ServiceFaultInfo info) throws SOAPException {
        try {
            JAXB.createMarshaller().marshal(new ObjectFactory().createServiceFault(info), fault.addDetail());
        } catch (JAXBException e) {
            throw new SOAPException("cannot write the serviceFault detail", e);
        }
    }

    private static JAXBContext jaxb() {
        try {
            return JAXBContext.newInstance(ObjectFactory.class);
        } catch (JAXBException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
