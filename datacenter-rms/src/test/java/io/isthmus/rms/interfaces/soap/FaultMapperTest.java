package io.isthmus.rms.interfaces.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.isthmus.rms.domain.compute.GuestNotReadyException;
import io.isthmus.rms.domain.qos.QosException;
import io.isthmus.rms.domain.segment.SegmentException;
import io.isthmus.schema.v1.FaultCode;
import io.isthmus.wsdl.site.ServiceFault;
import org.junit.jupiter.api.Test;

class FaultMapperTest {

    @Test
    void aDataPlaneFailureIsUnavailableAndKeepsItsMessage() {
        SegmentException failure = new SegmentException("could not connect node vm-2 on host a2: isbr7301 is a veth");

        ServiceFault fault = FaultMapper.fault(failure, "3f2c1a9e-0b7d-4c61-9f1e-2a6d8c4b5e70");

        assertEquals(FaultCode.UNAVAILABLE, fault.getFaultInfo().getCode());
        assertEquals(failure.getMessage(), fault.getFaultInfo().getMessage());
        assertEquals(failure, fault.getCause());
    }

    @Test
    void aShapingFailureIsUnavailableToo() {
        QosException failure = new QosException("could not shape the NICs of node vm-1: tc exited with 2");

        ServiceFault fault = FaultMapper.fault(failure, "3f2c1a9e-0b7d-4c61-9f1e-2a6d8c4b5e70");

        assertEquals(FaultCode.UNAVAILABLE, fault.getFaultInfo().getCode());
        assertEquals(failure.getMessage(), fault.getFaultInfo().getMessage());
    }

    @Test
    void aGuestThatIsNotReadyIsAnUnavailableFaultNamingNodeHostAndConsole() {
        GuestNotReadyException failure = new GuestNotReadyException("node vm-1 (domain isthmus-3f2c1a9e-0b7d-4c61-9f1e"
                + "-2a6d8c4b5e70-vm-1) on host a1 is not ready: the guest did not report ready within 120 s; last"
                + " lines of its console log /var/lib/isthmus/instances/x.console.log:\nKernel panic");

        ServiceFault fault = FaultMapper.fault(failure, "3f2c1a9e-0b7d-4c61-9f1e-2a6d8c4b5e70");

        assertEquals(FaultCode.UNAVAILABLE, fault.getFaultInfo().getCode());
        assertEquals(failure.getMessage(), fault.getFaultInfo().getMessage());
        assertEquals(failure, fault.getCause());
    }
}
