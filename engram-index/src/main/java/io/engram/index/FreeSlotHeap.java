package io.engram.index;

import java.util.Arrays;

/**
 * Freed {@link VectorStore} slots as a binary min-heap of ints, so the store always reuses the
 * smallest freed slot in O(log n) without boxing. Not thread-safe; the store guards it with its
 * write lock.
 */
final class FreeSlotHeap {
    private int[] heap = new int[16];
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void push(int slot) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, heap.length * 2);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (heap[parent] <= slot) {
                break;
            }
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = slot;
    }

    /** Removes and returns the smallest slot; the heap must not be empty. */
    int pop() {
        int top = heap[0];
        int last = heap[--size];
        int i = 0;
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            if (child + 1 < size && heap[child + 1] < heap[child]) {
                child++;
            }
            if (last <= heap[child]) {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        if (size > 0) {
            heap[i] = last;
        }
        return top;
    }

    void clear() {
        size = 0;
    }
}
