package io.isthmus.gateway.infrastructure.tunnel;

import io.isthmus.gateway.domain.shared.GatewayId;
import io.isthmus.gateway.domain.shared.UnavailableException;
import io.isthmus.gateway.domain.tunnel.InterfaceName;
import io.isthmus.gateway.infrastructure.command.CommandFailedException;
import io.isthmus.gateway.infrastructure.command.CommandRunner;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs iproute2 link commands for one gateway and turns failures into {@link UnavailableException}s that name the
 * gateway, the interface and the cause.
 */
public final class IpLinks {

    private static final Pattern MASTER = Pattern.compile(" master (\\S+) ");

    private final GatewayId gateway;
    private final CommandRunner runner;
    private final Iproute2Commands commands;

    public IpLinks(GatewayId gateway, CommandRunner runner, Iproute2Commands commands) {
        this.gateway = gateway;
        this.runner = runner;
        this.commands = commands;
    }

    public Iproute2Commands commands() {
        return commands;
    }

    public GatewayId gateway() {
        return gateway;
    }

    public boolean exists(InterfaceName name) {
        try {
            runner.run(commands.show(name));
            return true;
        } catch (CommandFailedException e) {
            if (LinkFailures.isMissingDevice(e)) {
                return false;
            }
            throw unavailable("inspect interface " + name, "link", e);
        }
    }

    /** The bridge (or other master) {@code name} is a port of, if any; empty also when it does not exist. */
    public Optional<InterfaceName> master(InterfaceName name) {
        try {
            Matcher m = MASTER.matcher(runner.run(commands.show(name)).stdout());
            return m.find() && InterfaceName.isValid(m.group(1)) ? Optional.of(new InterfaceName(m.group(1)))
                    : Optional.empty();
        } catch (CommandFailedException e) {
            if (LinkFailures.isMissingDevice(e)) {
                return Optional.empty();
            }
            throw unavailable("inspect interface " + name, "link", e);
        }
    }

    /**
     * Runs a command that changes a link; {@code action} reads like "create vxlan interface isvx5001" and
     * {@code kind} names the link type for the kernel-support reason.
     */
    public void change(String action, String kind, List<String> argv) {
        try {
            runner.run(argv);
        } catch (CommandFailedException e) {
            throw unavailable(action, kind, e);
        }
    }

    /** Deletes an interface; one that is already gone is fine. Returns whether it existed. */
    public boolean delete(InterfaceName name) {
        try {
            runner.run(commands.delete(name));
            return true;
        } catch (CommandFailedException e) {
            if (!LinkFailures.isMissingDevice(e)) {
                throw unavailable("delete interface " + name, "link", e);
            }
            return false;
        }
    }

    public Set<InterfaceName> list() {
        try {
            return LinkListParser.names(runner.run(commands.listLinks()).stdout());
        } catch (CommandFailedException e) {
            throw unavailable("list interfaces", "link", e);
        }
    }

    private UnavailableException unavailable(String action, String kind, CommandFailedException e) {
        String where = commands.netns().map(ns -> " in network namespace " + ns).orElse("");
        return new UnavailableException("gateway " + gateway + " cannot " + action + where + ": "
                + LinkFailures.reason(e, kind), e);
    }
}
