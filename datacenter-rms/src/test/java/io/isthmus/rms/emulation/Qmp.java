package io.isthmus.rms.emulation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Just enough of QEMU's monitor protocol to ask whether the guest side of a chardev is open. */
final class Qmp {

    private static final Pattern CHARDEV = Pattern.compile("\\{[^{}]*\"label\": \"([^\"]+)\"[^{}]*\\}");
    private static final Pattern FRONTEND_OPEN = Pattern.compile("\"frontend-open\": (true|false)");

    private Qmp() {
    }

    /** Whether the guest has the virtio-serial port behind chardev {@code label} open (query-chardev). */
    static boolean frontendOpen(Path socket, String label) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            BufferedReader in = new BufferedReader(
                    new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
            OutputStream out = Channels.newOutputStream(channel);
            in.readLine();
            command(out, in, "qmp_capabilities");
            String reply = command(out, in, "query-chardev");
            Matcher chardev = CHARDEV.matcher(reply);
            while (chardev.find()) {
                if (chardev.group(1).equals(label)) {
                    Matcher open = FRONTEND_OPEN.matcher(chardev.group());
                    if (!open.find()) {
                        throw new IOException("query-chardev gave no frontend-open for " + label + ": " + reply);
                    }
                    return Boolean.parseBoolean(open.group(1));
                }
            }
            throw new IOException("QEMU has no chardev " + label + ": " + reply);
        }
    }

    /** Sends one command and returns its reply, skipping the asynchronous events in between. */
    private static String command(OutputStream out, BufferedReader in, String name) throws IOException {
        out.write(("{\"execute\": \"" + name + "\"}\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.contains("\"return\"") || line.contains("\"error\"")) {
                return line;
            }
        }
        throw new IOException("QEMU closed its monitor while answering " + name);
    }
}
