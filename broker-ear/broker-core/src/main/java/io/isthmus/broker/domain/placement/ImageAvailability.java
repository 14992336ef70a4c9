package io.isthmus.broker.domain.placement;

import io.isthmus.broker.domain.reservation.NodeSpec;
import io.isthmus.broker.domain.reservation.PlacementConstraints.Pin;
import io.isthmus.broker.domain.reservation.ValidationException;
import io.isthmus.broker.domain.reservation.VirtualInfrastructureSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks, before anything is placed or held, that the sites a request may use can boot its images: every node's
 * image is in the catalog of at least one of them, and a pinned node's site has the node's image. A request that
 * fails names an image these sites do not have, which no amount of free capacity would fix: a VALIDATION fault
 * that says, per node, which image and what each site offers. (Where a node may go among the sites that have its
 * image is the engines' hard constraint, through {@link PlacementProblem}.)
 */
public final class ImageAvailability {
    private ImageAvailability() {
    }

    /**
     * @param sites      the sites the request may use (allowed and answering), with their catalogs
     * @param unanswered sites of the federation that did not answer and so were not considered (named in a refusal,
     *                   as they may have the image)
     * @throws ValidationException one detail per node whose image no site has or whose pinned site lacks it
     */
    public static void check(VirtualInfrastructureSpec vi, List<SiteOffer> sites, List<String> unanswered) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < vi.nodes().size(); i++) {
            NodeSpec node = vi.nodes().get(i);
            if (sites.stream().noneMatch(s -> s.images().offers(node.image()))) {
                problems.add("node[" + i + "].image: '" + node.image() + "' is in no site's catalog; sites offer: "
                        + offered(sites) + (unanswered.isEmpty() ? ""
                        : " (" + String.join(", ", unanswered) + " did not answer and may have it; try again later)"));
                continue;
            }
            Optional<Pin> pin = vi.constraints().pin(node.name());
            Optional<SiteOffer> pinned = pin.flatMap(p -> sites.stream().filter(s -> s.site().equals(p.site()))
                    .findFirst());
            if (pinned.isPresent() && !pinned.get().images().offers(node.image())) {
                problems.add("pin[" + node.name() + "].site: node '" + node.name() + "' is pinned to "
                        + pinned.get().site() + ", whose catalog does not have its image '" + node.image() + "' ("
                        + pinned.get().site() + " offers " + pinned.get().images() + "); sites with it: "
                        + sites.stream().filter(s -> s.images().offers(node.image())).map(SiteOffer::site).toList());
            }
        }
        if (problems.size() == 1) {
            throw new ValidationException(problems.get(0), problems);
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems.size() + " nodes ask for images their sites cannot boot: "
                    + String.join("; ", problems), problems);
        }
    }

    /** {@code site-a [debian-12], site-b [debian-12, ubuntu-24.04]}. */
    private static String offered(List<SiteOffer> sites) {
        return String.join(", ", sites.stream().map(s -> s.site() + " " + s.images()).toList());
    }
}
