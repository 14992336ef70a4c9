package io.isthmus.rms.emulation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The loadable modules of one installed kernel, from its modules.dep: which files to load, dependencies first. */
final class KernelModules {

    private static final Pattern RELATIVE_PATH = Pattern.compile("[A-Za-z0-9_+-]+(/[A-Za-z0-9_.+-]+)*");

    private final Path directory;
    private final Map<String, List<String>> dependencies;
    private final Map<String, String> pathByName;
    private final Set<String> builtIn;

    private KernelModules(Path directory, Map<String, List<String>> dependencies, Set<String> builtIn) {
        this.directory = directory;
        this.dependencies = dependencies;
        this.builtIn = builtIn;
        this.pathByName = new HashMap<>();
        dependencies.keySet().forEach(path -> pathByName.put(name(path), path));
    }

    /** Reads modules.dep (and modules.builtin) in {@code directory}, e.g. /lib/modules/6.1.0-57-cloud-amd64. */
    static KernelModules read(Path directory) {
        try {
            Map<String, List<String>> dependencies = new HashMap<>();
            for (String line : Files.readAllLines(directory.resolve("modules.dep"))) {
                int colon = line.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String rest = line.substring(colon + 1).strip();
                List<String> needs = rest.isEmpty() ? List.of()
                        : Stream.of(rest.split("\\s+")).map(KernelModules::checked).toList();
                dependencies.put(checked(line.substring(0, colon)), needs);
            }
            Path builtInList = directory.resolve("modules.builtin");
            Set<String> builtIn = new HashSet<>();
            if (Files.exists(builtInList)) {
                Files.readAllLines(builtInList).stream().filter(l -> !l.isBlank()).map(KernelModules::name)
                        .forEach(builtIn::add);
            }
            return new KernelModules(directory, dependencies, builtIn);
        } catch (IOException e) {
            throw new TestImageException("cannot read the module list of the kernel in " + directory, e);
        }
    }

    Path directory() {
        return directory;
    }

    /**
     * The files (relative to {@link #directory()}) that load the named modules, each after the modules it needs and
     * each once; modules built into the kernel need no file.
     *
     * @throws TestImageException when a module is neither a loadable module nor built in
     */
    List<String> loadOrder(List<String> names) {
        Set<String> order = new LinkedHashSet<>();
        for (String name : names) {
            String path = pathByName.get(name.replace('-', '_'));
            if (path == null) {
                if (builtIn.contains(name.replace('-', '_'))) {
                    continue;
                }
                throw new TestImageException("the kernel in " + directory + " has no module " + name);
            }
            visit(path, order, new HashSet<>());
        }
        return new ArrayList<>(order);
    }

    private void visit(String path, Set<String> order, Set<String> visiting) {
        if (order.contains(path) || !visiting.add(path)) {
            return;
        }
        for (String dependency : dependencies.getOrDefault(path, List.of())) {
            visit(dependency, order, visiting);
        }
        order.add(path);
    }

    /** kernel/drivers/net/virtio_net.ko.xz -> virtio_net (the name the kernel knows, '-' read as '_'). */
    static String name(String path) {
        String file = path.substring(path.lastIndexOf('/') + 1);
        int ko = file.indexOf(".ko");
        return (ko < 0 ? file : file.substring(0, ko)).replace('-', '_');
    }

    private static String checked(String path) {
        if (!RELATIVE_PATH.matcher(path).matches() || path.contains("..")) {
            throw new TestImageException("modules.dep names an unexpected module path '" + path + "'");
        }
        return path;
    }
}
