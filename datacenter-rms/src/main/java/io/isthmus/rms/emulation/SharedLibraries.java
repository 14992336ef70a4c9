package io.isthmus.rms.emulation;

import io.isthmus.rms.infrastructure.command.CommandResult;
import io.isthmus.rms.infrastructure.command.CommandRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The shared libraries, ELF interpreter included, that a dynamically linked program loads, as ldd reports them. */
final class SharedLibraries {

    private static final Pattern RESOLVED = Pattern.compile("^\\s*(?:\\S+\\s+=>\\s+)?(/\\S+)\\s+\\(0x[0-9a-f]+\\)$");
    private static final Pattern NOT_FOUND = Pattern.compile("^\\s*(\\S+)\\s+=>\\s+not found");

    private SharedLibraries() {
    }

    /** The absolute paths {@code program} loads at start (empty for a statically linked program). */
    static List<Path> of(Path program, Path ldd, CommandRunner runner) {
        CommandResult result = runner.run(List.of(ldd.toString(), program.toString()));
        String output = result.stdout() + result.stderr();
        if (output.contains("not a dynamic executable") || output.contains("statically linked")) {
            return List.of();
        }
        if (!result.succeeded()) {
            throw new TestImageException("cannot list the libraries of " + program + ": " + result.describe());
        }
        return parse(program, result.stdout());
    }

    static List<Path> parse(Path program, String lddOutput) {
        List<Path> libraries = new ArrayList<>();
        for (String line : lddOutput.split("\n")) {
            Matcher missing = NOT_FOUND.matcher(line);
            if (missing.find()) {
                throw new TestImageException(program + " needs " + missing.group(1) + ", which is not installed");
            }
            Matcher resolved = RESOLVED.matcher(line);
            if (resolved.matches()) {
                Path library = Path.of(resolved.group(1)).normalize();
                if (!library.toString().equals(resolved.group(1))) {
                    throw new TestImageException("ldd reported an unexpected library path " + resolved.group(1));
                }
                libraries.add(library);
            }
        }
        return List.copyOf(libraries);
    }
}
