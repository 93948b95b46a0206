/**
 * Seeded generators that reproduce the Rust references bit for bit.
 *
 * <p>Engram's golden values (Holon atom vectors, the RaBitQ datasets, rotations and recall tables)
 * are outputs of rand_core 0.6 / rand_chacha 0.3 / rand 0.8.5 / rand_distr 0.4.3. Matching them
 * needs the same seed expansion ({@link io.engram.core.random.Pcg32SeedExpander}), the same ChaCha
 * buffering ({@link io.engram.core.random.ChaChaRng}) and the same sampling arithmetic ({@link
 * io.engram.core.random.RustStdRng}, {@link io.engram.core.random.UniformF32}); a statistically
 * equivalent Java generator would not do. The generators are not thread-safe and do not allocate
 * per draw, since they sit inside vector generation loops.
 */
package io.engram.core.random;
