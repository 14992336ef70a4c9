package io.isthmus.examples.client;

import io.isthmus.schema.v1.VirtualInfrastructure;
import io.isthmus.wsdl.broker.ServiceFault;
import jakarta.xml.ws.WebServiceException;
import jakarta.xml.ws.soap.SOAPFaultException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code client --broker <soap url> --vi <file.xml> [--keep] [--keep-window] [--requester <id>]}: submits
 * the VI through SOAP. The file's window is replaced by [now, now + 1 h) unless {@code --keep-window}.
 * Exit codes: 0 done, 2 the broker refused (fault code and message printed), 1 unreachable, 64 usage,
 * 65 invalid VI document.
 */
public final class ClientMain {

    static final URI DEFAULT_BROKER = URI.create("http://127.0.0.1:8080/isthmus/BrokerService");
    static final String USAGE = "usage: client [--broker SOAP_URL] [--vi FILE] [--keep] [--keep-window]"
            + " [--requester ID]";

    private ClientMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.exit(run(args));
    }

    static int run(String[] args) throws InterruptedException {
        URI broker = DEFAULT_BROKER;
        Path vi = Path.of("examples/two-site-vi.xml");
        String requester = "admin@requester-dc";
        boolean keep = false;
        boolean keepWindow = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--keep" -> keep = true;
                case "--keep-window" -> keepWindow = true;
                case "--broker", "--vi", "--requester" -> {
                    if (i + 1 >= args.length) {
                        System.err.println(args[i] + " needs a value; " + USAGE);
                        return 64;
                    }
                    String value = args[++i];
                    switch (args[i - 1]) {
                        case "--broker" -> broker = URI.create(value);
                        case "--vi" -> vi = Path.of(value);
                        default -> requester = value;
                    }
                }
                default -> {
                    System.err.println("unknown option " + args[i] + "; " + USAGE);
                    return 64;
                }
            }
        }
        return submit(broker, vi, requester, keep, keepWindow);
    }

    private static int submit(URI broker, Path file, String requester, boolean keep, boolean keepWindow)
            throws InterruptedException {
        VirtualInfrastructure vi;
        try {
            vi = ViDocument.read(file);
        } catch (InvalidViDocumentException e) {
            System.err.println(e.getMessage());
            return 65;
        }
        if (!keepWindow) {
            ViDocument.startingNow(vi, Instant.now(), Duration.ofHours(1));
        }
        System.out.println("Submitting " + file + " (tenant " + vi.getTenant() + ", " + vi.getNode().size()
                + " nodes) to " + broker);
        try {
            new WalkThrough(new IsthmusClient(broker, requester), new SummaryPrinter(System.out)).run(vi, keep);
            return 0;
        } catch (ServiceFault fault) {
            System.err.println("FAULT " + fault.getFaultInfo().getCode().value() + ": "
                    + fault.getFaultInfo().getMessage());
            fault.getFaultInfo().getDetail().forEach(d -> System.err.println("  " + (d.getField() == null
                    ? "" : d.getField() + ": ") + d.getValue()));
            return 2;
        } catch (SOAPFaultException e) {
            System.err.println("The broker at " + broker + " failed without a typed fault (a broker defect; its log"
                    + " has the cause): " + e.getMessage());
            return 1;
        } catch (WebServiceException e) {
            System.err.println("The broker at " + broker + " did not answer: " + e.getMessage()
                    + " (is the federation running? start it with examples/federation.sh)");
            return 1;
        }
    }
}
