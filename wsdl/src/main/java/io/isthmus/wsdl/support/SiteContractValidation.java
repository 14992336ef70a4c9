package io.isthmus.wsdl.support;

/** {@link ContractValidation} of the SiteRmsService messages. */
public class SiteContractValidation extends ContractValidation {
    public SiteContractValidation() {
        super("SiteRmsService", "/wsdl/isthmus-site.xsd");
    }
}
