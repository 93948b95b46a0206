package io.engram.bench.ann;

import io.engram.core.InvalidArgumentException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * A corpus of texts split into held-out queries and a train list of a fixed size.
 *
 * <p>The texts are deduplicated and sorted first, so the split depends only on the set of texts,
 * not on the order a tool listed them in; then shuffled with the seed. The first {@code queryCount}
 * shuffled texts are the queries and never appear in train. Train is the remaining texts in
 * shuffled order; when there are fewer than {@code trainSize} of them it is topped up with
 * compounds {@code A + "; " + B} of two different remaining texts, drawn with the same seeded
 * stream and each distinct from every text and every other compound. Compounds come after all
 * real texts, so a train prefix up to the number of real texts holds only real ones.
 *
 * @param queries the held-out texts
 * @param train the texts to index, real ones first, then compounds
 * @param realTrain how many leading train texts are corpus texts rather than compounds
 */
public record TextSplit(List<String> queries, List<String> train, int realTrain) {

    /** Joins the two halves of a compound. */
    public static final String COMPOUND_SEPARATOR = "; ";

    public TextSplit {
        queries = List.copyOf(queries);
        train = List.copyOf(train);
    }

    /** Train texts that are compounds of two corpus texts. */
    public int compounds() {
        return train.size() - realTrain;
    }

    /**
     * Splits {@code texts} (duplicates allowed, any order) into {@code queryCount} queries and
     * {@code trainSize} train texts.
     */
    public static TextSplit of(Collection<String> texts, int queryCount, int trainSize, long seed) {
        InvalidArgumentException.check(queryCount > 0 && trainSize > 0,
                "query count and train size must be positive, got %d and %d", queryCount, trainSize);
        Set<String> unique = new TreeSet<>(texts);
        List<String> shuffled = new ArrayList<>(unique);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = shuffled.size() - 1; i > 0; i--) { // Fisher-Yates: the JDK's shuffle wants a Random
            Collections.swap(shuffled, i, random.nextInt(i + 1));
        }
        InvalidArgumentException.check(shuffled.size() > queryCount,
                "%d distinct texts leave nothing to train on after %d queries", shuffled.size(), queryCount);
        List<String> queries = shuffled.subList(0, queryCount);
        List<String> pool = shuffled.subList(queryCount, shuffled.size());
        if (trainSize <= pool.size()) {
            return new TextSplit(queries, pool.subList(0, trainSize), trainSize);
        }
        long needed = trainSize - pool.size();
        // At most half the ordered pairs, so that random draws keep finding new ones quickly.
        InvalidArgumentException.check(needed <= (long) pool.size() * (pool.size() - 1) / 2,
                "%d train texts cannot be made from %d distinct texts and their pairs", trainSize, pool.size());
        List<String> train = new ArrayList<>(trainSize);
        train.addAll(pool);
        Set<String> seen = new HashSet<>(unique);
        while (train.size() < trainSize) {
            int a = random.nextInt(pool.size());
            int b = random.nextInt(pool.size() - 1);
            if (b >= a) {
                b++; // two different texts
            }
            String compound = pool.get(a) + COMPOUND_SEPARATOR + pool.get(b);
            if (seen.add(compound)) {
                train.add(compound);
            }
        }
        return new TextSplit(queries, train, pool.size());
    }
}
