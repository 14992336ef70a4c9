package io.isthmus.examples.federation.topology;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The iproute2 calls on network namespaces the topology, the census and the system tests share; names are validated
 * first.
 */
public final class Namespaces {

    private final CommandRunner runner;

    public Namespaces(CommandRunner runner) {
        this.runner = runner;
    }

    /** Names of every network namespace on this machine ({@code ip netns list}). */
    public Set<String> list() {
        return new TreeSet<>(Arrays.stream(runner.run(List.of("ip", "netns", "list")).split("\n"))
                .map(String::strip).filter(line -> !line.isEmpty())
                .map(line -> line.split("\\s+")[0]).toList());
    }

    void add(LinuxName namespace) {
        runner.run(List.of("ip", "netns", "add", namespace.value()));
    }

    void delete(LinuxName namespace) {
        runner.run(List.of("ip", "netns", "delete", namespace.value()));
    }

    /** Names of the links in {@code namespace}, without the {@code @peer} suffix of veths and sub-interfaces. */
    public List<String> links(LinuxName namespace) {
        return parseLinks(runner.run(List.of("ip", "-n", namespace.value(), "-o", "link")));
    }

    /** Ids of the processes running inside {@code namespace} ({@code ip netns pids}). */
    public List<Long> pids(LinuxName namespace) {
        return Arrays.stream(runner.run(List.of("ip", "netns", "pids", namespace.value())).split("\n"))
                .map(String::strip).filter(line -> line.matches("[0-9]{1,10}")).map(Long::parseLong).toList();
    }

    /** Runs {@code ip -n <namespace> <arguments>}. */
    void ip(LinuxName namespace, Object... arguments) {
        List<String> command = new ArrayList<>(List.of("ip", "-n", namespace.value()));
        for (Object argument : arguments) {
            command.add(argument.toString());
        }
        runner.run(command);
    }

    /** Link names from {@code ip -o link} output: {@code "3: lan0@if2: <BROADCAST,...> ..."} gives {@code lan0}. */
    static List<String> parseLinks(String oneLinePerLink) {
        List<String> names = new ArrayList<>();
        for (String line : oneLinePerLink.split("\n")) {
            String[] fields = line.split(": ", 3);
            if (fields.length >= 2 && fields[0].strip().matches("[0-9]+")) {
                names.add(fields[1].split("@", 2)[0].strip());
            }
        }
        return names;
    }
}
