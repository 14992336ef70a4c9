package io.isthmus.wsdl.support;

/** {@link ContractValidation} of the GatewayService messages. */
public class GatewayContractValidation extends ContractValidation {
    public GatewayContractValidation() {
        super("GatewayService", "/wsdl/isthmus-gateway.xsd");
    }
}
