package io.isthmus.broker.domain.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.isthmus.broker.domain.placement.PlacementPropertiesTest.Instance;
import io.isthmus.broker.domain.placement.bench.PlacementChecker;
import io.isthmus.broker.domain.reservation.NodeSpec;
import io.isthmus.broker.domain.reservation.ValidationException;
import io.isthmus.broker.domain.reservation.VirtualInfrastructureSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Over generated requests and substrates (fixed seeds) whose sites have random image catalogs (some unknown) and
 * whose nodes ask for random images: no engine ever places a node at a site without its image, and a VALIDATION
 * refusal only comes when some node's image really is at no site, or not at its pinned site.
 */
class ImageConstraintPropertiesTest {
    private static final List<String> IMAGES = List.of("debian-12", "ubuntu-24.04", "alpine-3.20");

    private record Outcome(int placed, int invalid, int refused) {
    }

    @Test
    void thePartitioningEngineNeverPlacesANodeWhereItsImageIsNot() {
        Outcome o = run(new PartitioningPlacementEngine(), 300, 20);
        assertTrue(o.placed() >= 100 && o.invalid() >= 30, o.toString());
    }

    @Test
    void theExactEngineNeverPlacesANodeWhereItsImageIsNot() {
        Outcome o = run(new ExactPlacementEngine(200_000), 120, 8);
        assertTrue(o.placed() >= 25 && o.invalid() >= 4, o.toString());
    }

    @Test
    void theAnnealingEngineNeverPlacesANodeWhereItsImageIsNot() {
        Outcome o = run(new AnnealingPlacementEngine(), 80, 12);
        assertTrue(o.placed() >= 20 && o.invalid() >= 4, o.toString());
    }

    private static Outcome run(PlacementEngine engine, int instances, int maxNodes) {
        Random random = new Random(20_261_203L);
        int placed = 0;
        int invalid = 0;
        int refused = 0;
        for (int i = 0; i < instances; i++) {
            Instance in = withImages(PlacementPropertiesTest.generate(random), random);
            if (in.vi().nodes().size() > maxNodes) {
                continue;
            }
            try {
                Placement p = engine.place(in.vi(), in.substrate());
                placed++;
                assertEquals(List.of(), PlacementChecker.violations(in.vi(), in.substrate(), p), "instance " + i);
            } catch (ValidationException e) {
                invalid++;
                assertTrue(someImageIsMissing(in), "instance " + i + ": " + e.getMessage());
            } catch (PlacementRefusedException e) {
                refused++;
            }
        }
        return new Outcome(placed, invalid, refused);
    }

    /**
     * The same instance with each site given a catalog (one in six unknown, the others each image with odds 3/4) and
     * each node a random image (in one instance of eight, one node asks for an image no site has).
     */
    private static Instance withImages(Instance in, Random random) {
        List<SiteOffer> sites = new ArrayList<>();
        for (SiteOffer s : in.substrate().sites()) {
            ImageCatalog catalog;
            if (random.nextInt(6) == 0) {
                catalog = ImageCatalog.UNKNOWN;
            } else {
                List<String> images = new ArrayList<>();
                IMAGES.forEach(image -> {
                    if (random.nextInt(4) != 0) {
                        images.add(image);
                    }
                });
                catalog = ImageCatalog.of(images);
            }
            sites.add(new SiteOffer(s.site(), s.hosts(), s.connectivity(), s.costPerCore(), catalog));
        }
        List<NodeSpec> nodes = new ArrayList<>();
        int unknown = random.nextInt(8) == 0 ? random.nextInt(in.vi().nodes().size()) : -1;
        for (NodeSpec n : in.vi().nodes()) {
            String image = nodes.size() == unknown ? "windows-11" : IMAGES.get(random.nextInt(IMAGES.size()));
            nodes.add(new NodeSpec(n.name(), n.vcpus(), n.memoryMib(), n.diskGib(), image, n.nested(), n.nics()));
        }
        VirtualInfrastructureSpec vi = in.vi();
        return new Instance(new VirtualInfrastructureSpec(vi.tenant(), vi.description(), vi.window(), vi.segments(),
                nodes, vi.links(), vi.constraints(), vi.requesterGateway()),
                new Substrate(sites, in.substrate().links()));
    }

    /** Some node's image is in no site's catalog (by name), or not at the site it is pinned to. */
    private static boolean someImageIsMissing(Instance in) {
        for (NodeSpec n : in.vi().nodes()) {
            List<SiteOffer> with = in.substrate().sites().stream().filter(s -> s.images().names()
                    .map(names -> names.contains(n.image())).orElse(true)).toList();
            boolean pinnedElsewhere = in.vi().constraints().pin(n.name())
                    .map(pin -> with.stream().noneMatch(s -> s.site().equals(pin.site()))).orElse(false);
            if (with.isEmpty() || pinnedElsewhere) {
                return true;
            }
        }
        return false;
    }
}
