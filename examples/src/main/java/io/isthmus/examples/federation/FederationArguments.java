package io.isthmus.examples.federation;

import io.isthmus.examples.federation.config.Artifacts;
import java.nio.file.Path;

/**
 * Command-line options of {@link FederationMain}: {@code --run-dir <dir>}, {@code --ports-base <n>},
 * {@code --hold-seconds <n>}, {@code --sweep-seconds <n>}, {@code --guests qemu|stand-in},
 * {@code --identity none|keycloak}, {@code --keycloak-cache <dir>}, {@code --home <repository root>}.
 */
public final class FederationArguments {

    static final String USAGE = "usage: federation [--run-dir DIR] [--ports-base N] [--hold-seconds N]"
            + " [--sweep-seconds N] [--guests qemu|stand-in] [--identity none|keycloak] [--keycloak-cache DIR]"
            + " [--home REPOSITORY_ROOT]";

    private FederationArguments() {
    }

    /** Parses the arguments over the defaults of the repository found from {@code workingDir}. */
    public static FederationOptions parse(String[] args, Path workingDir) {
        Path home = null;
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--home")) {
                home = Path.of(args[i + 1]);
            }
        }
        Path root = home != null ? home : Artifacts.findRepositoryRoot(workingDir);
        FederationOptions options = FederationOptions.defaults(root.toAbsolutePath().normalize());
        for (int i = 0; i < args.length; i += 2) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value; " + USAGE);
            }
            String value = args[i + 1];
            options = switch (option) {
                case "--run-dir" -> options.withRunDir(Path.of(value));
                case "--ports-base" -> options.withPortsBase(number(option, value));
                case "--hold-seconds" -> options.withHoldSeconds(number(option, value));
                case "--sweep-seconds" -> options.withSweepSeconds(number(option, value));
                case "--guests" -> options.withGuests(guests(value));
                case "--identity" -> options.withIdentity(identity(value));
                case "--keycloak-cache" -> options.withKeycloakCache(Path.of(value));
                case "--home" -> options;
                default -> throw new IllegalArgumentException("unknown option " + option + "; " + USAGE);
            };
        }
        return options;
    }

    private static FederationOptions.GuestMode guests(String value) {
        return switch (value) {
            case "qemu" -> FederationOptions.GuestMode.QEMU;
            case "stand-in" -> FederationOptions.GuestMode.STAND_IN;
            default -> throw new IllegalArgumentException("--guests takes qemu (real QEMU guests, one libvirtd per"
                    + " emulated host) or stand-in (libvirt's test driver, a veth per VM NIC), not '" + value + "'");
        };
    }

    private static FederationOptions.IdentityMode identity(String value) {
        return switch (value) {
            case "none" -> FederationOptions.IdentityMode.NONE;
            case "keycloak" -> FederationOptions.IdentityMode.KEYCLOAK;
            default -> throw new IllegalArgumentException("--identity takes none (no identity provider; the broker"
                    + " does not check tokens yet) or keycloak (Keycloak with realm isthmus), not '" + value + "'");
        };
    }

    private static int number(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a whole number, not '" + value + "'", e);
        }
    }
}
