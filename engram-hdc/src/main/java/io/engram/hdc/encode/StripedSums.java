package io.engram.hdc.encode;

import io.engram.hdc.kernel.BundleBuilder;
import io.engram.hdc.kernel.HyperVector;
import java.util.List;

/** Bundles striped leaves per stripe; a stripe without leaves is the zero vector. */
final class StripedSums {
    private StripedSums() {}

    static HyperVector[] bundle(List<JsonStructureEncoder.Leaf> leaves, int stripes, int dimensions) {
        BundleBuilder[] sums = new BundleBuilder[stripes];
        for (JsonStructureEncoder.Leaf leaf : leaves) {
            int s = AtomPaths.stripe(leaf.path(), stripes);
            if (sums[s] == null) {
                sums[s] = new BundleBuilder(dimensions);
            }
            sums[s].addBound(leaf.role(), leaf.filler());
        }
        HyperVector[] out = new HyperVector[stripes];
        for (int i = 0; i < stripes; i++) {
            out[i] = sums[i] == null ? HyperVector.zeros(dimensions) : sums[i].build();
        }
        return out;
    }
}
