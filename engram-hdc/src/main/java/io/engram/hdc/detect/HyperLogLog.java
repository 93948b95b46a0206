package io.engram.hdc.detect;

import io.engram.core.InvalidArgumentException;
import io.engram.core.hash.Fnv1a;

/**
 * Cardinality estimate in 2^p one-byte registers (FNV-1a 64 hashes, linear counting for small
 * cardinalities), as the rate-limit example uses it: a field whose values were random during
 * warmup and are now one fixed value shows a collapse of its distinct/total ratio.
 *
 * <p>The rank counts leading zeros within the hash bits left after the bucket bits; the reference
 * counts them over all 64 bits, which adds p to every rank and only matters outside the linear
 * counting range.
 */
public final class HyperLogLog {
    private final int p;
    private final byte[] registers;
    private final double alpha;
    private long count;

    public HyperLogLog(int precision) {
        if (precision < 4 || precision > 18) {
            throw new InvalidArgumentException("HyperLogLog precision must be in [4, 18], got " + precision);
        }
        this.p = precision;
        int m = 1 << precision;
        this.registers = new byte[m];
        this.alpha = switch (m) {
            case 16 -> 0.673;
            case 32 -> 0.697;
            case 64 -> 0.709;
            default -> 0.7213 / (1 + 1.079 / m);
        };
    }

    /** Adds one occurrence of {@code value}. */
    public void add(String value) {
        count++;
        long hash = Fnv1a.hashUtf8(value);
        int bucket = (int) (hash & (registers.length - 1));
        long rest = hash >>> p;
        int rank = rest == 0 ? 64 - p + 1 : Long.numberOfLeadingZeros(rest) - p + 1;
        if (rank > registers[bucket]) {
            registers[bucket] = (byte) rank;
        }
    }

    /** Occurrences added since the last reset. */
    public long count() {
        return count;
    }

    /** Estimated number of distinct values. */
    public double estimate() {
        int m = registers.length;
        double indicator = 0;
        int zeros = 0;
        for (byte r : registers) {
            indicator += Math.scalb(1.0, -r);
            if (r == 0) {
                zeros++;
            }
        }
        double raw = alpha * m * m / indicator;
        if (raw <= 2.5 * m && zeros > 0) {
            return m * Math.log((double) m / zeros);
        }
        return raw;
    }

    /** min(distinct / occurrences, 1); 0 when empty. */
    public double cardinalityRatio() {
        return count == 0 ? 0.0 : Math.min(1.0, estimate() / count);
    }

    public void reset() {
        java.util.Arrays.fill(registers, (byte) 0);
        count = 0;
    }
}
