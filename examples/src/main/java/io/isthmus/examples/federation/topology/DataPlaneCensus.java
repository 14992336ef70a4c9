package io.isthmus.examples.federation.topology;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything Isthmus made that is visible from this machine, for counting before and after: each namespace named
 * {@code isth-*} or {@code isvm-*} as {@code "<ns>"}, each of its links as {@code "<ns>/<ifname>"} and each of its
 * nftables tables as {@code "<ns>/nft:<family> <table>"}, sorted. A namespace deleted while it is being counted is
 * left out; without the {@code nft} program there are no tables to count.
 */
public final class DataPlaneCensus {

    private static final Pattern ISTHMUS_NAMESPACE = Pattern.compile("(isth|isvm)-[a-z0-9._-]{1,60}");
    private static final Pattern TABLE = Pattern.compile("table ([a-z0-9]+) ([A-Za-z0-9_.-]+)");

    private DataPlaneCensus() {
    }

    /** The sorted artefacts present now. */
    public static List<String> take() {
        return take(new CommandRunner());
    }

    /** The sorted artefacts present now, asking through {@code runner}. */
    public static List<String> take(CommandRunner runner) {
        Namespaces namespaces = new Namespaces(runner);
        boolean nft = nftInstalled();
        List<String> artefacts = new ArrayList<>();
        for (String name : namespaces.list()) {
            if (!ISTHMUS_NAMESPACE.matcher(name).matches()) {
                continue;
            }
            try {
                List<String> inside = new ArrayList<>();
                Namespaces.parseLinks(runner.run(List.of("ip", "-n", name, "-o", "link")))
                        .forEach(link -> inside.add(name + "/" + link));
                if (nft) {
                    tables(runner, name).forEach(table -> inside.add(name + "/nft:" + table));
                }
                artefacts.add(name);
                artefacts.addAll(inside);
            } catch (CommandFailedException e) {
                if (namespaces.list().contains(name)) {
                    throw e;
                }
            }
        }
        artefacts.sort(null);
        return List.copyOf(artefacts);
    }

    /** The namespace's nftables tables as {@code "<family> <name>"}. */
    private static List<String> tables(CommandRunner runner, String namespace) {
        String listing = runner.run(List.of("ip", "netns", "exec", namespace, "nft", "list", "tables"));
        List<String> tables = new ArrayList<>();
        for (String line : listing.split("\n")) {
            Matcher table = TABLE.matcher(line.strip());
            if (table.matches()) {
                tables.add(table.group(1) + " " + table.group(2));
            }
        }
        return tables;
    }

    /** Without the nft program no namespace can hold a table (the gateways need it to isolate tenants). */
    private static boolean nftInstalled() {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin:/bin");
        return Arrays.stream((path + ":/usr/sbin:/sbin").split(":")).filter(dir -> !dir.isEmpty())
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "nft")));
    }
}
