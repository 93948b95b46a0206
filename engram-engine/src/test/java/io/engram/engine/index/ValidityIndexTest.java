package io.engram.engine.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.engram.core.InvalidArgumentException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ValidityIndexTest {
    private static Set<Integer> validAt(ValidityIndex index, long instant) {
        Set<Integer> out = new TreeSet<>();
        List<Integer> seen = new ArrayList<>();
        index.forEachValidAt(instant, seen::add);
        out.addAll(seen);
        assertThat(seen).as("each ord reported once").hasSameSizeAs(out);
        return out;
    }

    @Test
    void boundariesAreFromInclusiveUntilExclusive() {
        ValidityIndex index = new ValidityIndex();
        long from = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
        long until = Instant.parse("2026-02-01T00:00:00Z").toEpochMilli();
        index.put(5, from, until);

        assertThat(validAt(index, Instant.parse("2026-01-15T00:00:00Z").toEpochMilli())).containsExactly(5);
        assertThat(validAt(index, from)).containsExactly(5);
        assertThat(validAt(index, until - 1)).containsExactly(5);
        assertThat(validAt(index, until)).isEmpty();
        assertThat(validAt(index, Instant.parse("2025-12-31T00:00:00Z").toEpochMilli())).isEmpty();
        assertThat(index.isValidAt(5, from)).isTrue();
        assertThat(index.isValidAt(5, until)).isFalse();
        assertThat(index.isValidAt(5, from - 1)).isFalse();
        assertThat(index.isValidAt(6, from)).isFalse();
    }

    @Test
    void openEndedIntervals() {
        ValidityIndex index = new ValidityIndex();
        index.put(0, Long.MIN_VALUE, Long.MAX_VALUE);
        index.put(1, Long.MIN_VALUE, 100);
        index.put(2, 100, Long.MAX_VALUE);

        assertThat(validAt(index, Long.MIN_VALUE)).containsExactly(0, 1);
        assertThat(validAt(index, 99)).containsExactly(0, 1);
        assertThat(validAt(index, 100)).containsExactly(0, 2);
        assertThat(validAt(index, Long.MAX_VALUE - 1)).containsExactly(0, 2);
        // until is exclusive, so an open end does not include Long.MAX_VALUE itself.
        assertThat(validAt(index, Long.MAX_VALUE)).isEmpty();
        assertThat(index.isValidAt(0, Long.MIN_VALUE)).isTrue();
        assertThat(index.isValidAt(2, Long.MAX_VALUE - 1)).isTrue();
    }

    @Test
    void removeAndReplaceAreReflectedAndSizeCounts() {
        ValidityIndex index = new ValidityIndex();
        index.put(0, 0, 10);
        index.put(1, 0, 10);
        index.put(1, 20, 30);
        index.remove(0);
        index.remove(0);
        index.remove(77);

        assertThat(index.size()).isEqualTo(1);
        assertThat(validAt(index, 5)).isEmpty();
        assertThat(validAt(index, 25)).containsExactly(1);
        assertThat(index.isValidAt(0, 5)).isFalse();
    }

    @Test
    void badIntervalsAndOrdsAreRejected() {
        ValidityIndex index = new ValidityIndex();
        assertThatThrownBy(() -> index.put(0, 10, 10))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("from=10 until=10");
        assertThatThrownBy(() -> index.put(0, 11, 10))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("from=11 until=10");
        assertThatThrownBy(() -> index.put(-3, 0, 1))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("-3");
        assertThatThrownBy(() -> index.forEachValidAt(0, null)).isInstanceOf(InvalidArgumentException.class);
        assertThat(index.size()).isZero();
    }

    @Test
    void matchesABruteForceOracleUnderRandomPutsReplacesRemovesAndQueries() {
        long baseSeed = 0x5EED_7A11_D17EL;
        for (int round = 0; round < 6; round++) {
            long seed = baseSeed + round;
            SplittableRandom rng = new SplittableRandom(seed);
            int universe = round % 2 == 0 ? 50 : 600;
            ValidityIndex index = new ValidityIndex();
            long[] froms = new long[universe];
            long[] untils = new long[universe];
            boolean[] present = new boolean[universe];
            for (int op = 0; op < 6_000; op++) {
                int ord = rng.nextInt(universe);
                int kind = rng.nextInt(10);
                if (kind < 6) {
                    long from = rng.nextInt(20) == 0 ? Long.MIN_VALUE : rng.nextLong(0, 1_000);
                    long until = rng.nextInt(20) == 0 ? Long.MAX_VALUE : Math.max(from, 0) + 1 + rng.nextLong(0, 300);
                    index.put(ord, from, until);
                    froms[ord] = from;
                    untils[ord] = until;
                    present[ord] = true;
                } else if (kind < 8) {
                    index.remove(ord);
                    present[ord] = false;
                } else {
                    long t = rng.nextLong(-10, 1_400);
                    Set<Integer> expected = new TreeSet<>();
                    for (int o = 0; o < universe; o++) {
                        if (present[o] && froms[o] <= t && t < untils[o]) {
                            expected.add(o);
                        }
                    }
                    assertThat(validAt(index, t)).as("seed %d op %d instant %d", seed, op, t).isEqualTo(expected);
                    assertThat(index.isValidAt(ord, t))
                            .as("seed %d op %d ord %d instant %d", seed, op, ord, t)
                            .isEqualTo(expected.contains(ord));
                }
                int expectedSize = 0;
                if (op % 500 == 0) {
                    for (boolean p : present) {
                        expectedSize += p ? 1 : 0;
                    }
                    assertThat(index.size()).as("seed %d op %d", seed, op).isEqualTo(expectedSize);
                }
            }
        }
    }

    @Test
    void anAsOfListingOverOneHundredThousandRecordsVisitsMatchesPlusLogarithmicallyMany() {
        long seed = 20260101L;
        SplittableRandom rng = new SplittableRandom(seed);
        long t = 1_000_000_000L;
        ValidityIndex index = new ValidityIndex();
        Set<Integer> expected = new HashSet<>();
        int n = 100_000;
        for (int ord = 0; ord < n; ord++) {
            long length = 1 + rng.nextLong(0, 50_000_000L);
            if (ord % 1_000 == 0) {
                long from = t - rng.nextLong(0, length);
                index.put(ord, from, Math.max(from + length, t + 1));
                expected.add(ord);
            } else if (rng.nextBoolean()) {
                long until = t - rng.nextLong(0, 500_000_000L); // ends at or before t
                index.put(ord, until - length, until);
            } else {
                long from = t + 1 + rng.nextLong(0, 500_000_000L); // starts after t
                index.put(ord, from, rng.nextInt(10) == 0 ? Long.MAX_VALUE : from + length);
            }
        }
        List<Integer> found = new ArrayList<>();
        int visits = index.forEachValidAt(t, found::add);

        assertThat(new HashSet<>(found)).as("seed %d", seed).isEqualTo(expected).hasSize(100);
        assertThat(visits).as("seed %d visits", seed).isLessThan(1_000);

        // A few fresh writes sit in the log; the bound still holds and they are seen.
        for (int i = 0; i < 50; i++) {
            index.put(n + i, t, t + 1);
        }
        found.clear();
        visits = index.forEachValidAt(t, found::add);
        assertThat(found).as("seed %d", seed).hasSize(150);
        assertThat(visits).as("seed %d visits with a log", seed).isLessThan(1_000);
    }

    @Test
    void readersQueryingDuringWritesSeeEachOrdAtMostOnce() throws Exception {
        ValidityIndex index = new ValidityIndex();
        List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean done = new AtomicBoolean();
        Thread writer = Thread.ofPlatform().start(() -> {
            try {
                SplittableRandom rng = new SplittableRandom(7);
                for (int i = 0; i < 30_000; i++) {
                    int ord = rng.nextInt(3_000);
                    if (rng.nextInt(5) == 0) {
                        index.remove(ord);
                    } else {
                        index.put(ord, rng.nextLong(0, 50), 50 + rng.nextLong(1, 50));
                    }
                }
            } catch (Throwable e) {
                errors.add(e);
            } finally {
                done.set(true);
            }
        });
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            readers.add(Thread.ofPlatform().start(() -> {
                try {
                    while (!done.get()) {
                        Set<Integer> seen = new HashSet<>();
                        index.forEachValidAt(50, ord -> {
                            if (!seen.add(ord)) {
                                throw new AssertionError("ord " + ord + " reported twice");
                            }
                        });
                        index.isValidAt(42, 50);
                    }
                } catch (Throwable e) {
                    errors.add(e);
                }
            }));
        }
        writer.join();
        for (Thread reader : readers) {
            reader.join();
        }
        assertThat(errors).isEmpty();
    }
}
