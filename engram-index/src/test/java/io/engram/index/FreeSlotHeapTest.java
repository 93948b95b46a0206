package io.engram.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FreeSlotHeapTest {
    @Test
    void popsTheSmallestLikeAPriorityQueue() {
        for (long seed = 1; seed <= 20; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            FreeSlotHeap heap = new FreeSlotHeap();
            PriorityQueue<Integer> model = new PriorityQueue<>();
            for (int op = 0; op < 1000; op++) {
                if (model.isEmpty() || r.nextInt(3) > 0) {
                    int slot = r.nextInt(10_000);
                    heap.push(slot);
                    model.add(slot);
                } else {
                    assertThat(heap.pop()).as("seed %d, op %d", seed, op).isEqualTo(model.poll());
                }
                assertThat(heap.size()).as("seed %d", seed).isEqualTo(model.size());
            }
        }
    }
}
