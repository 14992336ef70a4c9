package io.isthmus.examples.federation;

import io.isthmus.examples.federation.hosts.EmulatedHosts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;

/**
 * What a system test does inside the real L1 guests (the test image's control listener, reached over the tenant
 * network from the tenant's LAN namespace) and what it counts on the emulated hosts: QEMU processes, libvirt domains,
 * and each host's instance files.
 */
final class Guests {

    private static final Duration COMMAND_LIMIT = Duration.ofSeconds(30);
    private static final Duration REACH_WITHIN = Duration.ofSeconds(20);
    private static final Pattern EXIT = Pattern.compile("exit=(\\d+)\\s*$");

    private Guests() {
    }

    /** Runs {@code command} in the guest at {@code guest} and returns its exit code and output. */
    static Packets.Result run(String lan, String guest, String command) {
        String out = Packets.inGuest(lan, guest, command + "; echo exit=$?", COMMAND_LIMIT);
        Matcher exit = EXIT.matcher(out);
        if (!exit.find()) {
            throw new AssertionError("the guest at " + guest + " did not finish '" + command + "': " + out);
        }
        return new Packets.Result(Integer.parseInt(exit.group(1)), out.substring(0, exit.start()));
    }

    /** Whether the guest at {@code guest} gets an answer from {@code address} within 20 s. */
    static boolean reaches(String lan, String guest, String address) {
        Instant deadline = Instant.now().plus(REACH_WITHIN);
        do {
            if (answers(lan, guest, address)) {
                return true;
            }
        } while (Instant.now().isBefore(deadline));
        return false;
    }

    /** Whether any of three pings from the guest at {@code guest} to {@code address} is answered, now. */
    static boolean answers(String lan, String guest, String address) {
        return run(lan, guest, "ping -n -q -c 3 -W 1 " + address).exit() == 0;
    }

    /** The nested-virtualisation CPU flag ({@code svm} or {@code vmx}) the guest's /proc/cpuinfo shows, or "none". */
    static String nestedFlag(String lan, String guest) {
        String flags = run(lan, guest, "grep -m 1 '^flags' /proc/cpuinfo").out();
        return flags.matches("(?s).*\\bsvm\\b.*") ? "svm" : flags.matches("(?s).*\\bvmx\\b.*") ? "vmx" : "none";
    }

    /** Adds {@code cidr} to the guest's {@code device}, runs {@code body}, then removes it again. */
    static void withAddress(String lan, String guest, String device, String cidr, Runnable body) {
        requireOk(run(lan, guest, "ip addr add " + cidr + " dev " + device), "add " + cidr);
        try {
            body.run();
        } finally {
            requireOk(run(lan, guest, "ip addr del " + cidr + " dev " + device), "remove " + cidr);
        }
    }

    /** Throughput from the guest at {@code client} to {@code address} (served by its guest's iperf3), in Mbit/s. */
    static double iperf3Mbps(String lan, String client, String address) {
        Packets.Result result = run(lan, client, "iperf3 -c " + address + " -t 4 -O 1 --connect-timeout 3000 -J");
        if (result.exit() != 0 || result.out().contains("\"error\"")) {
            throw new AssertionError("iperf3 from the guest at " + client + " to " + address + " failed: " + result);
        }
        Matcher m = Packets.RECEIVED_BPS.matcher(result.out());
        if (!m.find()) {
            throw new AssertionError("iperf3 reported no received rate: " + result.out());
        }
        return Double.parseDouble(m.group(1)) / 1_000_000;
    }

    /** The QEMU processes running on this machine, as "pid command line" (truncated). */
    static List<String> qemuProcesses() {
        return qemuHandles().stream().map(p -> p.pid() + " " + p.info().commandLine().orElse("?"))
                .map(s -> s.length() > 160 ? s.substring(0, 160) : s).toList();
    }

    /** The QEMU processes running on this machine. */
    static List<ProcessHandle> qemuHandles() {
        return ProcessHandle.allProcesses().filter(p -> p.info().command().map(c -> c.contains("qemu-system"))
                .orElse(false)).toList();
    }

    /** Every domain (running or only defined) in every emulated host's libvirtd, as "site/host: name". */
    static List<String> domains(EmulatedHosts hosts) {
        List<String> domains = new ArrayList<>();
        for (Map.Entry<String, String> host : hosts.uris().entrySet()) {
            try {
                Connect connect = new Connect(host.getValue(), true);
                try {
                    for (int id : connect.listDomains()) {
                        domains.add(host.getKey() + ": " + connect.domainLookupByID(id).getName());
                    }
                    for (String name : connect.listDefinedDomains()) {
                        domains.add(host.getKey() + ": " + name);
                    }
                } finally {
                    connect.close();
                }
            } catch (LibvirtException e) {
                throw new AssertionError("cannot list the domains of " + host.getKey() + " at " + host.getValue(), e);
            }
        }
        return domains;
    }

    /** The files in every emulated host's instance pool (overlays, seeds, console logs). */
    static List<String> instanceFiles(Path runDir) {
        Path hosts = runDir.resolve("hosts");
        try (Stream<Path> files = Files.walk(hosts)) {
            return files.filter(Files::isRegularFile).filter(f -> f.getParent().getFileName().toString()
                    .equals("instances")).map(hosts::relativize).map(Path::toString).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the instance files under " + hosts, e);
        }
    }

    private static void requireOk(Packets.Result result, String what) {
        if (result.exit() != 0) {
            throw new AssertionError("could not " + what + " in the guest: " + result);
        }
    }
}
