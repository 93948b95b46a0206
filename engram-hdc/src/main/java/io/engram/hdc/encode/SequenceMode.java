package io.engram.hdc.encode;

import io.engram.core.InvalidArgumentException;

/** How {@link StructureEncoder#encodeSequence} combines item atoms (hdc-holon §8.3). */
public sealed interface SequenceMode {
    /** sgn Σ atoms: order-free. */
    SequenceMode BUNDLE = new Bundle();
    /** Bundle of permute(atom_i, i): order-sensitive. */
    SequenceMode POSITIONAL = new Positional();
    /** Product of all atoms (order-insensitive in practice, as in the reference). */
    SequenceMode CHAINED = new Chained();

    record Bundle() implements SequenceMode {}

    record Positional() implements SequenceMode {}

    record Chained() implements SequenceMode {}

    /** Bundle of windows atom_0 ⊙ permute(atom_1, 1) ⊙ … ⊙ permute(atom_{n−1}, n−1). */
    record Ngram(int n) implements SequenceMode {
        public Ngram {
            if (n < 1) {
                throw new InvalidArgumentException("n-gram size must be >= 1, got " + n);
            }
        }
    }
}
