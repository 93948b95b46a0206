package io.engram.engine.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.engram.core.InvalidArgumentException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextIndexTest {
    private static final int K = 10;

    private static int[] search(TextIndex index, String query, int k) {
        int[] ords = new int[k];
        float[] scores = new float[k];
        int n = index.search(query, k, null, ords, scores);
        return Arrays.copyOf(ords, n);
    }

    @Test
    void bm25RanksTheDocumentWithTheRarerMatchingTermFirst() {
        try (TextIndex index = TextIndex.inMemory()) {
            index.put(0, "apple harvest");
            index.put(1, "zebra harvest");
            for (int i = 2; i < 12; i++) {
                index.put(i, "apple orchard " + i);
            }
            int[] ords = new int[K];
            float[] scores = new float[K];
            int n = index.search("apple zebra", K, null, ords, scores);

            assertThat(n).isEqualTo(K);
            assertThat(ords[0]).isEqualTo(1);
            assertThat(scores[0]).isGreaterThan(scores[1]);
            for (int i = 1; i < n; i++) {
                assertThat(scores[i]).isLessThanOrEqualTo(scores[i - 1]);
            }
        }
    }

    @Test
    void stemmingLetsRunningFindRuns() {
        try (TextIndex index = TextIndex.inMemory()) {
            index.put(7, "She runs every morning");
            index.put(8, "He swims every evening");

            assertThat(search(index, "running", K)).containsExactly(7);
        }
    }

    @Test
    void putReplacesTheTextOfAnOrd() {
        try (TextIndex index = TextIndex.inMemory()) {
            index.put(3, "alpha");
            index.put(3, "beta");

            assertThat(search(index, "alpha", K)).isEmpty();
            assertThat(search(index, "beta", K)).containsExactly(3);
            assertThat(index.size()).isEqualTo(1);
        }
    }

    @Test
    void removeHidesTheOrdAndUnknownOrdsAreIgnored() {
        try (TextIndex index = TextIndex.inMemory()) {
            index.put(0, "shared words here");
            index.put(1, "shared words there");
            index.remove(0);
            index.remove(99);

            assertThat(search(index, "shared", K)).containsExactly(1);
            assertThat(index.size()).isEqualTo(1);
        }
    }

    @Test
    void nullTextIsIndexedAsEmpty() {
        try (TextIndex index = TextIndex.inMemory()) {
            index.put(0, null);
            index.put(1, "");

            assertThat(index.size()).isEqualTo(2);
            assertThat(search(index, "anything", K)).isEmpty();
        }
    }

    @Test
    void filterExcludesRejectedOrdsAndStillFillsK() {
        try (TextIndex index = TextIndex.inMemory()) {
            int n = 100;
            int[] ords = new int[n];
            String[] texts = new String[n];
            for (int i = 0; i < n; i++) {
                ords[i] = i;
                // Odd ords score higher, so an over-fetch-then-filter would come up short.
                texts[i] = i % 2 == 1 ? "common common common word" : "common word and some padding text";
            }
            index.putAll(ords, texts);

            int[] out = new int[K];
            float[] scores = new float[K];
            int hits = index.search("common", K, ord -> ord % 2 == 0, out, scores);

            assertThat(hits).isEqualTo(K);
            assertThat(Arrays.stream(out, 0, hits).boxed().toList()).allMatch(ord -> ord % 2 == 0).doesNotHaveDuplicates();
            assertThat(index.search("common", K, ord -> false, out, scores)).isZero();
            assertThat(index.search("common", K, ord -> ord == 42, out, scores)).isEqualTo(1);
            assertThat(out[0]).isEqualTo(42);
        }
    }

    @Test
    void emptyAndStopwordOnlyQueriesReturnNothing() {
        try (TextIndex index = TextIndex.inMemory()) {
            index.put(0, "the and of a text about things");
            int[] ords = new int[K];
            float[] scores = new float[K];

            for (String q : new String[] {null, "", "   ", "the and of", "!!! ??? ..."}) {
                assertThat(index.search(q, K, null, ords, scores)).as("query %s", q).isZero();
            }
        }
    }

    @Test
    void luceneSyntaxInQueriesIsPlainText() {
        try (TextIndex index = TextIndex.inMemory()) {
            index.put(0, "foo fighters");
            index.put(1, "bar exam");
            index.put(2, "title page");

            for (String q : new String[] {"title:(foo AND \"bar", "*", "?", "foo~2", "\\", "[a TO", "+-&&||!(){}[]^\"~*?:\\/"}) {
                assertThatCode(() -> search(index, q, K)).as("query %s", q).doesNotThrowAnyException();
            }
            assertThat(search(index, "title:(foo AND \"bar", K)).containsExactlyInAnyOrder(0, 1, 2);
        }
    }

    @Test
    void aHugeQueryIsCappedNotRejected() {
        try (TextIndex index = TextIndex.inMemory()) {
            index.put(0, "needle");
            StringBuilder q = new StringBuilder("needle");
            for (int i = 0; i < 20_000; i++) {
                q.append(" word").append(i);
            }
            assertThat(search(index, q.toString(), K)).containsExactly(0);
        }
    }

    @Test
    void badArgumentsNameExpectedAndActualValues() {
        try (TextIndex index = TextIndex.inMemory()) {
            assertThatThrownBy(() -> index.search("x", 0, null, new int[1], new float[1]))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("got 0");
            assertThatThrownBy(() -> index.search("x", 5, null, new int[4], new float[5]))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("k = 5").hasMessageContaining("length 4");
            assertThatThrownBy(() -> index.search("x", 5, null, new int[5], new float[3]))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("length 3");
            assertThatThrownBy(() -> index.put(-1, "x"))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("-1");
            assertThatThrownBy(() -> index.putAll(new int[2], new String[3]))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("2 ords and 3 texts");
            assertThatThrownBy(() -> index.commit(-5))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("-5");
        }
    }

    @Test
    void closeIsIdempotentAndLaterCallsFail() {
        TextIndex index = TextIndex.inMemory();
        index.close();
        index.close();
        assertThatThrownBy(() -> index.put(0, "x")).isInstanceOf(TextIndexException.class).hasMessageContaining("closed");
    }

    @Test
    void aCommittedSequenceSurvivesReopenAndUncommittedWritesDoNot(@TempDir Path dir) {
        try (TextIndex index = TextIndex.open(dir.resolve("text"))) {
            assertThat(index.committedSequence()).isEqualTo(-1);
            index.put(0, "durable fact");
            index.commit(41);
            index.commit(42);
            index.put(1, "volatile fact");
            assertThat(index.committedSequence()).isEqualTo(42);
        }
        try (TextIndex index = TextIndex.open(dir.resolve("text"))) {
            assertThat(index.committedSequence()).isEqualTo(42);
            assertThat(index.size()).isEqualTo(1);
            assertThat(search(index, "fact", K)).containsExactly(0);
        }
        try (TextIndex memory = TextIndex.inMemory()) {
            assertThat(memory.committedSequence()).isEqualTo(-1);
        }
    }

    @Test
    void oneWriterAndTwoReadersRunWithoutErrors() throws Exception {
        try (TextIndex index = TextIndex.inMemory()) {
            int docs = 2_000;
            List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
            AtomicBoolean done = new AtomicBoolean();
            AtomicInteger lastPut = new AtomicInteger(-1);
            CountDownLatch start = new CountDownLatch(1);
            Thread writer = Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    for (int i = 0; i < docs; i++) {
                        index.put(i, "record number tok" + i + (i % 3 == 0 ? " fizz" : " buzz"));
                        lastPut.set(i);
                        if (i % 10 == 9) {
                            index.remove(i - 5);
                        }
                    }
                } catch (Throwable t) {
                    errors.add(t);
                } finally {
                    done.set(true);
                }
            });
            List<Thread> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                readers.add(Thread.ofPlatform().start(() -> {
                    int[] ords = new int[K];
                    float[] scores = new float[K];
                    try {
                        start.await();
                        while (!done.get()) {
                            int n = index.search("fizz record", K, ord -> ord % 2 == 0, ords, scores);
                            for (int i = 0; i < n; i++) {
                                if (ords[i] % 2 != 0) {
                                    throw new AssertionError("filter let odd ord " + ords[i] + " through");
                                }
                            }
                            // A put that returned before this search started must be visible to it.
                            // Ords ending in 4 are removed later, so only the others are checked.
                            int last = lastPut.get();
                            if (last >= 0 && last % 10 != 4
                                    && index.search("tok" + last, K, null, ords, scores) != 1) {
                                throw new AssertionError("put of ord " + last + " not visible to a later search");
                            }
                            index.size();
                        }
                    } catch (Throwable t) {
                        errors.add(t);
                    }
                }));
            }
            start.countDown();
            writer.join();
            for (Thread reader : readers) {
                reader.join();
            }

            assertThat(errors).isEmpty();
            assertThat(index.size()).isEqualTo(docs - docs / 10);
        }
    }
}
