package io.isthmus.wsdl.support;

/** {@link ContractValidation} of the BrokerService messages. */
public class BrokerContractValidation extends ContractValidation {
    public BrokerContractValidation() {
        super("BrokerService", "/wsdl/isthmus-broker.xsd");
    }
}
