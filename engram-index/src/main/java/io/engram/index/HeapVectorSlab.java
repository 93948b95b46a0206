package io.engram.index;

import io.engram.core.InvalidArgumentException;
import java.util.Arrays;

/** A {@link VectorSlab} in one contiguous {@code float[]} on the Java heap. */
final class HeapVectorSlab implements VectorSlab {
    /** The largest array most JVMs allocate. */
    private static final long MAX_FLOATS = Integer.MAX_VALUE - 8;

    private final int dimension;
    private int capacity;
    private float[] data;

    HeapVectorSlab(int dimension, int capacity) {
        this.dimension = dimension;
        this.capacity = capacity;
        this.data = new float[floats(dimension, capacity)];
    }

    private static int floats(int dimension, int capacity) {
        long n = (long) dimension * capacity;
        InvalidArgumentException.check(n <= MAX_FLOATS,
                "in-memory store of %d x %d floats exceeds the largest Java array (%d floats); "
                        + "use a memory-mapped store", capacity, dimension, MAX_FLOATS);
        return (int) n;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public void read(int slot, float[] dst, int off) {
        System.arraycopy(data, slot * dimension, dst, off, dimension);
    }

    @Override
    public void write(int slot, float[] src) {
        System.arraycopy(src, 0, data, slot * dimension, dimension);
    }

    @Override
    public void zero(int slot) {
        int from = slot * dimension;
        Arrays.fill(data, from, from + dimension, 0f);
    }

    @Override
    public boolean rowMatches(int slot, float[] v, double tolerance) {
        int base = slot * dimension;
        for (int i = 0; i < dimension; i++) {
            float a = data[base + i];
            float b = v[i];
            if (a != b && !(Math.abs((double) a - b) <= tolerance)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void grow(int newCapacity) {
        data = Arrays.copyOf(data, floats(dimension, newCapacity));
        capacity = newCapacity;
    }

    @Override
    public void highWater(int nextSlot) {
        // Nothing to persist on the heap.
    }

    @Override
    public void force() {
        // Nothing to persist on the heap.
    }

    @Override
    public String storageType() {
        return "in-memory";
    }

    @Override
    public void close() {
        data = new float[0];
        capacity = 0;
    }
}
