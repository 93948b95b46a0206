package io.engram.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class DedupHashChainsTest {
    /** Few keys, many slots, table growth and bucket deletion, checked against a map of sets. */
    @Test
    void matchesAMapOfSetsUnderRandomAddsAndRemoves() {
        for (long seed = 1; seed <= 30; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            int slots = 300;
            DedupHashChains chains = new DedupHashChains(4);
            chains.ensureSlotCapacity(slots);
            Map<Long, TreeSet<Integer>> model = new HashMap<>();
            long[] hashOf = new long[slots];
            List<Integer> live = new ArrayList<>();
            List<Integer> free = new ArrayList<>();
            for (int s = 0; s < slots; s++) {
                free.add(s);
            }
            int keyRange = 1 + r.nextInt(80);
            for (int op = 0; op < 2000; op++) {
                if (!free.isEmpty() && (live.isEmpty() || r.nextBoolean())) {
                    int slot = free.remove(r.nextInt(free.size()));
                    long h = r.nextInt(keyRange) - keyRange / 2;
                    hashOf[slot] = h;
                    chains.add(h, slot);
                    model.computeIfAbsent(h, k -> new TreeSet<>()).add(slot);
                    live.add(slot);
                } else {
                    int slot = live.remove(r.nextInt(live.size()));
                    assertThat(chains.remove(hashOf[slot], slot)).as("seed %d", seed).isTrue();
                    assertThat(chains.remove(hashOf[slot], slot)).as("seed %d", seed).isFalse();
                    TreeSet<Integer> set = model.get(hashOf[slot]);
                    set.remove(slot);
                    if (set.isEmpty()) {
                        model.remove(hashOf[slot]);
                    }
                    free.add(slot);
                }
                assertThat(chains.distinctHashes()).as("seed %d, op %d", seed, op).isEqualTo(model.size());
            }
            for (long h = -keyRange; h <= keyRange; h++) {
                TreeSet<Integer> chain = new TreeSet<>();
                for (int s = chains.head(h); s != DedupHashChains.NONE; s = chains.next(s)) {
                    assertThat(chain.add(s)).as("seed %d: slot %d twice in chain %d", seed, s, h).isTrue();
                }
                assertThat(chain).as("seed %d, hash %d", seed, h).isEqualTo(model.getOrDefault(h, new TreeSet<>()));
            }
        }
    }
}
