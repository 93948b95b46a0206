package io.engram.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.engram.core.CorruptFileException;
import io.engram.core.DimensionMismatchException;
import io.engram.core.InvalidArgumentException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VectorStoreTest {
    static final float[] GOLDEN_VECTOR =
            {0.5f, -1.25f, 3.0f, 1e-6f, 0f, -0f, 123.456789f, Float.POSITIVE_INFINITY};
    /** Computed once from the documented algorithm; must never change (it is a persisted contract). */
    static final long GOLDEN_HASH = 0x914b60899c76c83fL;

    @TempDir
    Path dir;

    private static UUID id(int n) {
        return new UUID(0, n);
    }

    private static float[] vec(float... v) {
        return v;
    }

    @Test
    void firstSlotIsZeroThenSequential() {
        try (VectorStore store = VectorStore.inMemory(3, 10)) {
            for (int i = 0; i < 5; i++) {
                assertThat(store.add(id(i), vec(i, i + 1, i + 2))).isEqualTo(i);
            }
            assertThat(store.count()).isEqualTo(5);
            assertThat(store.highWaterMark()).isEqualTo(5);
            assertThat(store.slotOf(id(3))).isEqualTo(3);
            assertThat(store.slotOf(id(99))).isEqualTo(-1);
            assertThat(store.get(id(2))).containsExactly(2, 3, 4);
            assertThat(store.get(id(99))).isNull();
        }
    }

    @Test
    void sameVectorUnderTwoChunksSharesOneSlot() {
        try (VectorStore store = VectorStore.inMemory(2, 4)) {
            assertThat(store.add(id(1), vec(1, 2))).isZero();
            assertThat(store.add(id(2), vec(1, 2))).isZero();
            assertThat(store.count()).isEqualTo(1);
            assertThat(store.totalReferences()).isEqualTo(2);
            assertThat(store.referenceCount(0)).isEqualTo(2);
            assertThat(store.statistics())
                    .containsEntry("unique_vectors", 1)
                    .containsEntry("total_references", 2L)
                    .containsEntry("capacity", 4)
                    .containsEntry("utilization", 25.0)
                    .containsEntry("free_indices", 0)
                    .containsEntry("dimension", 2)
                    .containsEntry("storage_type", "in-memory");
        }
    }

    @Test
    void removingOneReferenceKeepsTheVectorForTheOther() {
        try (VectorStore store = VectorStore.inMemory(2, 4)) {
            store.add(id(1), vec(1, 2));
            store.add(id(2), vec(1, 2));
            assertThat(store.remove(id(1))).isTrue();
            assertThat(store.remove(id(1))).isFalse();
            assertThat(store.get(id(1))).isNull();
            assertThat(store.get(id(2))).containsExactly(1, 2);
            assertThat(store.getBySlot(0)).containsExactly(1, 2);
            assertThat(store.count()).isEqualTo(1);
            assertThat(store.totalReferences()).isEqualTo(1);

            assertThat(store.remove(id(2))).isTrue();
            assertThat(store.count()).isZero();
            assertThat(store.totalReferences()).isZero();
            assertThat(store.statistics()).containsEntry("free_indices", 1);
            assertThat(store.remove(id(3))).isFalse();
            assertThat(store.remove(null)).isFalse();
        }
    }

    @Test
    void freedSlotsAreReusedSmallestFirst() {
        try (VectorStore store = VectorStore.inMemory(1, 8)) {
            for (int i = 0; i < 5; i++) {
                store.add(id(i), vec(i));
            }
            store.remove(id(3));
            store.remove(id(1));
            assertThat(store.add(id(10), vec(10))).isEqualTo(1);
            assertThat(store.add(id(11), vec(11))).isEqualTo(3);
            assertThat(store.add(id(12), vec(12))).isEqualTo(5);
            assertThat(store.get(id(10))).containsExactly(10);
            assertThat(store.get(id(11))).containsExactly(11);
        }
    }

    @Test
    void freedRowIsZeroedAndAReaddedVectorDoesNotMatchIt() {
        try (VectorStore store = VectorStore.inMemory(2, 4)) {
            store.add(id(1), vec(5, 6));
            store.add(id(2), vec(7, 8));
            store.remove(id(1));
            // The hash entry for slot 0 is gone: adding the same vector again allocates slot 0 anew.
            assertThat(store.add(id(3), vec(5, 6))).isZero();
            assertThat(store.referenceCount(0)).isEqualTo(1);
            store.remove(id(3));
            assertThat(store.add(id(4), vec(0, 0))).isZero();
            assertThat(store.referenceCount(0)).isEqualTo(1);
        }
    }

    @Test
    void growsFrom100To150To225() {
        try (VectorStore store = VectorStore.inMemory(4, 100)) {
            assertThat(store.capacity()).isEqualTo(100);
            for (int i = 0; i < 101; i++) {
                store.add(id(i), vec(i, 0, 0, 1));
            }
            assertThat(store.capacity()).isEqualTo(150);
            for (int i = 101; i < 151; i++) {
                store.add(id(i), vec(i, 0, 0, 1));
            }
            assertThat(store.capacity()).isEqualTo(225);
            for (int i = 0; i < 151; i++) {
                assertThat(store.getBySlot(i)).as("slot %d", i).containsExactly(i, 0, 0, 1);
            }
            // Dedup still finds rows written before growth.
            assertThat(store.add(id(1000), vec(7, 0, 0, 1))).isEqualTo(7);
        }
    }

    @Test
    void growthTakesTheRequiredSizeWhenOneAndAHalfTimesIsNotEnough() {
        try (VectorStore store = VectorStore.inMemory(1, 1)) {
            store.add(id(0), vec(0));
            store.add(id(1), vec(1));
            assertThat(store.capacity()).isEqualTo(2); // max(2, floor(1.5))
            store.add(id(2), vec(2));
            assertThat(store.capacity()).isEqualTo(3);
        }
    }

    @Test
    void nanAndInfinityAreStoredNanNeverShared() {
        try (VectorStore store = VectorStore.inMemory(2, 4)) {
            int nan1 = store.add(id(1), vec(Float.NaN, 1));
            int nan2 = store.add(id(2), vec(Float.NaN, 1));
            assertThat(nan1).isNotEqualTo(nan2);
            assertThat(store.get(id(1))[0]).isNaN();
            int inf1 = store.add(id(3), vec(Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY));
            int inf2 = store.add(id(4), vec(Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY));
            assertThat(inf2).isEqualTo(inf1);
            assertThat(store.add(id(5), vec(Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY)))
                    .isNotEqualTo(inf1);
            assertThat(store.get(id(3))).containsExactly(Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY);
            assertThat(store.count()).isEqualTo(4);
        }
    }

    @Test
    void gettersReturnCopiesAndAddCopiesItsInput() {
        try (VectorStore store = VectorStore.inMemory(2, 4)) {
            float[] input = vec(1, 2);
            store.add(id(1), input);
            input[0] = 99;
            assertThat(store.get(id(1))).containsExactly(1, 2);

            store.get(id(1))[0] = 42;
            store.getBySlot(0)[0] = 42;
            store.getBySlots(new int[] {0})[0][0] = 42;
            float[] dst = new float[4];
            store.readInto(0, dst, 1);
            dst[1] = 42;
            assertThat(store.get(id(1))).containsExactly(1, 2);
            assertThat(store.getBySlot(0)).containsExactly(1, 2);
        }
    }

    @Test
    void readIntoAndBatchRead() {
        try (VectorStore store = VectorStore.inMemory(2, 4)) {
            store.add(id(1), vec(1, 2));
            store.add(id(2), vec(3, 4));
            float[] dst = new float[5];
            store.readInto(1, dst, 2);
            assertThat(dst).containsExactly(0, 0, 3, 4, 0);
            assertThatThrownBy(() -> store.readInto(0, dst, 4)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThat(store.getBySlots(new int[] {1, 0, 1})).isDeepEqualTo(new float[][] {{3, 4}, {1, 2}, {3, 4}});
            assertThat(store.getBySlots(new int[0])).isEmpty();
        }
    }

    @Test
    void badAndFreedSlotsRaiseIndexOutOfBounds() {
        try (VectorStore store = VectorStore.inMemory(2, 4)) {
            store.add(id(1), vec(1, 2));
            store.add(id(2), vec(3, 4));
            store.remove(id(1));
            assertThatThrownBy(() -> store.getBySlot(-1))
                    .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("Invalid vector index");
            assertThatThrownBy(() -> store.getBySlot(2))
                    .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("Invalid vector index");
            // Below capacity but above the high-water mark is still invalid.
            assertThatThrownBy(() -> store.getBySlot(3)).hasMessageContaining("Invalid vector index");
            assertThatThrownBy(() -> store.getBySlot(0))
                    .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("has been freed");
            assertThatThrownBy(() -> store.readInto(0, new float[2], 0)).hasMessageContaining("has been freed");
            assertThatThrownBy(() -> store.getBySlots(new int[] {1, 7}))
                    .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("Invalid vector index");
            assertThatThrownBy(() -> store.getBySlots(new int[] {1, 0})).hasMessageContaining("has been freed");
        }
    }

    @Test
    void validatesArguments() {
        assertThatThrownBy(() -> VectorStore.inMemory(0, 10))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("dimension must be positive, got 0");
        assertThatThrownBy(() -> VectorStore.inMemory(3, 0))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("capacity must be positive, got 0");
        assertThatThrownBy(() -> VectorStore.mapped(dir.resolve("x"), -1, 10))
                .isInstanceOf(InvalidArgumentException.class);
        try (VectorStore store = VectorStore.inMemory(3, 4)) {
            assertThatThrownBy(() -> store.add(id(1), vec(1, 2)))
                    .isInstanceOf(DimensionMismatchException.class)
                    .hasMessageContaining("dimension mismatch: expected 3, got 2");
            store.add(id(1), vec(1, 2, 3));
            assertThatThrownBy(() -> store.add(id(1), vec(4, 5, 6)))
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining(id(1) + " already has an associated vector");
            assertThatThrownBy(() -> store.add(null, vec(1, 2, 3))).isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> store.add(id(2), null)).isInstanceOf(InvalidArgumentException.class);
            assertThat(store.count()).isEqualTo(1);
            assertThat(store.totalReferences()).isEqualTo(1);
        }
    }

    @Test
    void closedStoreRejectsUse() {
        VectorStore store = VectorStore.inMemory(1, 1);
        store.add(id(1), vec(1));
        store.close();
        store.close();
        assertThatThrownBy(() -> store.get(id(1))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.add(id(2), vec(2))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void dedupHashIsAFixedFunctionOfTheRoundedComponents() {
        assertThat(VectorStore.dedupHash(GOLDEN_VECTOR)).isEqualTo(GOLDEN_HASH);
        assertThat(VectorStore.dedupHash(new float[0])).isEqualTo(0xcbf29ce484222325L);
        // -0 and +0 round to the same long.
        assertThat(VectorStore.dedupHash(vec(-0f))).isEqualTo(VectorStore.dedupHash(vec(0f)));
        // Rounding happens before hashing.
        assertThat(VectorStore.dedupHash(vec(0.1234561f))).isEqualTo(VectorStore.dedupHash(vec(0.1234559f)));
        // Large values do not saturate at the int range as the reference's i32 cast did.
        assertThat(VectorStore.dedupHash(vec(3000f))).isNotEqualTo(VectorStore.dedupHash(vec(4000f)));
    }

    @Test
    void dedupHashIsTheSameInAnotherJvm() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                DedupHashPrinter.class.getName())
                .redirectErrorStream(true)
                .start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as("child output: %s", out).isZero();
        assertThat(Long.parseLong(out)).isEqualTo(GOLDEN_HASH);
    }

    @Test
    void vectorsWithinToleranceThatRoundAlikeShareAndOthersDoNot() {
        SplittableRandom random = new SplittableRandom(7);
        for (int trial = 0; trial < 50; trial++) {
            long seed = random.nextLong();
            SplittableRandom r = new SplittableRandom(seed);
            int dim = 16;
            float[] base = new float[dim];
            for (int i = 0; i < dim; i++) {
                base[i] = (float) (r.nextInt(-500_000, 500_001) * 1e-6);
            }
            float[] nudged = base.clone();
            for (int i = 0; i < dim; i++) {
                nudged[i] += 2e-7f;
            }
            float[] apart = base.clone();
            apart[r.nextInt(dim)] += 2e-6f;
            try (VectorStore store = VectorStore.inMemory(dim, 4)) {
                int slot = store.add(id(1), base);
                assertThat(store.add(id(2), nudged)).as("seed %d: +2e-7 everywhere shares", seed).isEqualTo(slot);
                assertThat(store.add(id(3), apart)).as("seed %d: +2e-6 in one component", seed).isNotEqualTo(slot);
                assertThat(store.count()).as("seed %d", seed).isEqualTo(2);
            }
        }
    }

    @Test
    void vectorsWithinToleranceThatRoundDifferentlyAreNotSharedByDesign() {
        try (VectorStore store = VectorStore.inMemory(1, 4)) {
            int a = store.add(id(1), vec(0.4e-6f));
            int b = store.add(id(2), vec(0.6e-6f));
            assertThat(b).isNotEqualTo(a);
        }
    }

    @Test
    void collidingHashesKeepBothVectorsShareable() {
        // Every vector hashes to 42: one chain holds all of them.
        try (VectorStore store = new VectorStore(new HeapVectorSlab(2, 4), v -> 42L, null)) {
            assertThat(store.add(id(1), vec(1, 1))).isZero();
            assertThat(store.add(id(2), vec(2, 2))).isEqualTo(1);
            assertThat(store.add(id(3), vec(1, 1))).as("earlier vector still shared").isZero();
            assertThat(store.add(id(4), vec(2, 2))).isEqualTo(1);
            assertThat(store.add(id(5), vec(3, 3))).isEqualTo(2);
            // Unlink the head and middle of the chain; the rest stay reachable.
            store.remove(id(5));
            store.remove(id(1));
            store.remove(id(3));
            assertThat(store.add(id(6), vec(2, 2))).isEqualTo(1);
            assertThat(store.referenceCount(1)).isEqualTo(3);
            assertThat(store.add(id(7), vec(1, 1))).as("freed slot reused, not shared").isZero();
            assertThat(store.count()).isEqualTo(2);
        }
    }

    /** Random adds and removes against a plain model, with the real hash and a weak, colliding one. */
    @Test
    void matchesASimpleModelUnderRandomOperations() {
        for (boolean weakHash : new boolean[] {false, true}) {
            for (long seed = 1; seed <= 20; seed++) {
                runModel(seed, weakHash);
            }
        }
    }

    private static void runModel(long seed, boolean weakHash) {
        SplittableRandom r = new SplittableRandom(seed);
        int dim = 3;
        float[][] pool = new float[12][dim];
        for (float[] v : pool) {
            for (int i = 0; i < dim; i++) {
                v[i] = r.nextInt(-3, 4) * 0.5f;
            }
        }
        String why = "seed " + seed + (weakHash ? " (weak hash)" : "");
        VectorStore store = weakHash
                ? new VectorStore(new HeapVectorSlab(dim, 2), v -> (long) v[0] & 3, null)
                : new VectorStore(new HeapVectorSlab(dim, 2), VectorStore::dedupHash, null);
        List<float[]> slotVector = new ArrayList<>();
        List<Integer> slotRefs = new ArrayList<>();
        Map<UUID, Integer> chunks = new HashMap<>();
        List<UUID> live = new ArrayList<>();
        try (store) {
            for (int op = 0; op < 400; op++) {
                if (live.isEmpty() || r.nextInt(3) > 0) {
                    UUID chunk = new UUID(seed, op);
                    float[] v = pool[r.nextInt(pool.length)];
                    int expected = -1;
                    for (int s = 0; s < slotVector.size() && expected < 0; s++) {
                        if (slotRefs.get(s) > 0 && Arrays.equals(slotVector.get(s), v)) {
                            expected = s;
                        }
                    }
                    if (expected < 0) {
                        expected = slotRefs.indexOf(0);
                        if (expected < 0) {
                            expected = slotVector.size();
                            slotVector.add(null);
                            slotRefs.add(0);
                        }
                        slotVector.set(expected, v);
                    }
                    slotRefs.set(expected, slotRefs.get(expected) + 1);
                    assertThat(store.add(chunk, v)).as(why + ", op " + op).isEqualTo(expected);
                    chunks.put(chunk, expected);
                    live.add(chunk);
                } else {
                    UUID chunk = live.remove(r.nextInt(live.size()));
                    int s = chunks.remove(chunk);
                    slotRefs.set(s, slotRefs.get(s) - 1);
                    assertThat(store.remove(chunk)).as(why).isTrue();
                }
                long unique = slotRefs.stream().filter(n -> n > 0).count();
                assertThat(store.count()).as(why + ", op " + op).isEqualTo((int) unique);
                assertThat(store.totalReferences()).as(why).isEqualTo(live.size());
            }
            for (UUID chunk : live) {
                assertThat(store.get(chunk)).as(why).containsExactly(slotVector.get(chunks.get(chunk)));
            }
        }
    }

    @Test
    void mappedStoreSurvivesGrowthAndReopen() throws IOException {
        Path file = dir.resolve("vectors.vst");
        try (VectorStore store = VectorStore.mapped(file, 3, 100)) {
            assertThat(store.statistics()).containsEntry("storage_type", "memory-mapped");
            for (int i = 0; i < 151; i++) {
                store.add(id(i), vec(i, -i, 0.5f));
            }
            assertThat(store.capacity()).isEqualTo(225);
            assertThat(store.add(id(1000), vec(4, -4, 0.5f))).isEqualTo(4);
            store.remove(id(10));
            store.remove(id(20));
            assertThat(Files.size(file)).isEqualTo(64 + 225L * 3 * 4);
            try (var listing = Files.list(dir)) {
                assertThat(listing.map(p -> p.getFileName().toString()))
                        .containsExactlyInAnyOrder("vectors.vst", "vectors.vst.chunks");
            }
        }
        try (VectorStore store = VectorStore.openMapped(file)) {
            assertThat(store.dimension()).isEqualTo(3);
            assertThat(store.capacity()).isEqualTo(225);
            assertThat(store.count()).isEqualTo(149);
            assertThat(store.totalReferences()).isEqualTo(150);
            assertThat(store.highWaterMark()).isEqualTo(151);
            assertThat(store.get(id(150))).containsExactly(150, -150, 0.5f);
            assertThat(store.get(id(10))).isNull();
            assertThat(store.referenceCount(4)).isEqualTo(2);
            assertThatThrownBy(() -> store.getBySlot(20)).hasMessageContaining("has been freed");
            // Dedup hashes and free slots were rebuilt.
            assertThat(store.add(id(2000), vec(7, -7, 0.5f))).isEqualTo(7);
            assertThat(store.add(id(2001), vec(1, 2, 3))).isEqualTo(10);
            assertThat(store.add(id(2002), vec(1, 2, 4))).isEqualTo(20);
            assertThat(store.add(id(2003), vec(1, 2, 5))).isEqualTo(151);
            store.flush();
        }
        try (VectorStore store = VectorStore.openMapped(file)) {
            assertThat(store.get(id(2003))).containsExactly(1, 2, 5);
            assertThat(store.count()).isEqualTo(152);
        }
    }

    @Test
    void slotsTheChunkMapDoesNotNameAreFreedOnReopen() throws IOException {
        Path file = dir.resolve("v.vst");
        Path chunks = ChunkMapFile.pathFor(file);
        byte[] chunkMapWithOnlyChunk1;
        try (VectorStore store = VectorStore.mapped(file, 2, 4)) {
            store.add(id(1), vec(1, 1));
            store.flush();
            chunkMapWithOnlyChunk1 = Files.readAllBytes(chunks);
            store.add(id(2), vec(2, 2));
        }
        // A crash after the second row reached the slab but before the chunk map was rewritten.
        Files.write(chunks, chunkMapWithOnlyChunk1);
        try (VectorStore store = VectorStore.openMapped(file)) {
            assertThat(store.count()).isEqualTo(1);
            assertThat(store.highWaterMark()).isEqualTo(2);
            assertThat(store.get(id(2))).isNull();
            assertThatThrownBy(() -> store.getBySlot(1)).hasMessageContaining("has been freed");
            assertThat(store.add(id(3), vec(3, 3))).isEqualTo(1);
            assertThat(store.add(id(4), vec(1, 1))).isZero();
        }
    }

    @Test
    void mappedRefusesToOverwriteAnExistingFile() throws IOException {
        Path file = dir.resolve("v.vst");
        VectorStore.mapped(file, 2, 4).close();
        assertThatThrownBy(() -> VectorStore.mapped(file, 2, 4)).isInstanceOf(FileAlreadyExistsException.class);
    }

    @Test
    void corruptOrTruncatedMappedFilesAreRejected() throws IOException {
        Path file = dir.resolve("v.vst");
        try (VectorStore store = VectorStore.mapped(file, 4, 10)) {
            store.add(id(1), vec(1, 2, 3, 4));
        }
        byte[] good = Files.readAllBytes(file);
        byte[] goodChunks = Files.readAllBytes(ChunkMapFile.pathFor(file));

        Files.write(file, Arrays.copyOf(good, 40));
        assertThatThrownBy(() -> VectorStore.openMapped(file))
                .isInstanceOf(CorruptFileException.class).hasMessageContaining("truncated");

        Files.write(file, Arrays.copyOf(good, good.length - 4));
        assertThatThrownBy(() -> VectorStore.openMapped(file))
                .isInstanceOf(CorruptFileException.class).hasMessageContaining("requires " + good.length);

        byte[] badMagic = good.clone();
        badMagic[0] = 'X';
        Files.write(file, badMagic);
        assertThatThrownBy(() -> VectorStore.openMapped(file))
                .isInstanceOf(CorruptFileException.class).hasMessageContaining("bad magic");

        byte[] badVersion = good.clone();
        badVersion[8] = 9;
        Files.write(file, badVersion);
        assertThatThrownBy(() -> VectorStore.openMapped(file))
                .isInstanceOf(CorruptFileException.class).hasMessageContaining("unsupported");

        // A huge declared capacity is caught by the checksum or the size check, never by mapping.
        byte[] badCapacity = good.clone();
        badCapacity[23] = 0x7F;
        Files.write(file, badCapacity);
        assertThatThrownBy(() -> VectorStore.openMapped(file))
                .isInstanceOf(CorruptFileException.class).hasMessageContaining("checksum");

        Files.write(file, good);
        byte[] badChunks = goodChunks.clone();
        badChunks[badChunks.length - 1] ^= 1;
        Files.write(ChunkMapFile.pathFor(file), badChunks);
        assertThatThrownBy(() -> VectorStore.openMapped(file))
                .isInstanceOf(CorruptFileException.class).hasMessageContaining("checksum");

        Files.delete(ChunkMapFile.pathFor(file));
        assertThatThrownBy(() -> VectorStore.openMapped(file))
                .isInstanceOf(CorruptFileException.class).hasMessageContaining("missing");

        Files.write(ChunkMapFile.pathFor(file), goodChunks);
        try (VectorStore store = VectorStore.openMapped(file)) {
            assertThat(store.get(id(1))).containsExactly(1, 2, 3, 4);
        }
    }

    @Test
    void readersRunDuringWritesWithoutErrors() throws Exception {
        int dim = 8;
        try (VectorStore store = VectorStore.mapped(dir.resolve("c.vst"), dim, 4);
             ExecutorService pool = Executors.newFixedThreadPool(4)) {
            store.add(id(0), new float[dim]);
            AtomicBoolean done = new AtomicBoolean();
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Long>> readers = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                long seed = t;
                readers.add(pool.submit(() -> {
                    SplittableRandom r = new SplittableRandom(seed);
                    float[] buf = new float[dim];
                    long reads = 0;
                    start.await();
                    while (!done.get()) {
                        int hw = store.highWaterMark();
                        int slot = r.nextInt(hw);
                        try {
                            store.readInto(slot, buf, 0);
                            // Every row written holds its slot-independent tag in every component.
                            for (float x : buf) {
                                if (x != buf[0]) {
                                    throw new AssertionError("torn row at slot " + slot + ": " + Arrays.toString(buf));
                                }
                            }
                            reads++;
                        } catch (IndexOutOfBoundsException freed) {
                            assertThat(freed).hasMessageContaining("has been freed");
                        }
                        store.statistics();
                    }
                    return reads;
                }));
            }
            start.countDown();
            SplittableRandom r = new SplittableRandom(99);
            for (int i = 1; i < 2000; i++) {
                float[] v = new float[dim];
                Arrays.fill(v, i);
                store.add(id(i), v);
                if (r.nextInt(4) == 0) {
                    store.remove(id(r.nextInt(1, i + 1)));
                }
            }
            done.set(true);
            for (Future<Long> f : readers) {
                assertThat(f.get(30, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(0);
            }
        }
    }
}
