package io.engram.index;

/** Run in a child JVM by {@link VectorStoreTest} to show the dedup hash does not vary per process. */
final class DedupHashPrinter {
    private DedupHashPrinter() {}

    public static void main(String[] args) {
        System.out.print(VectorStore.dedupHash(VectorStoreTest.GOLDEN_VECTOR));
    }
}
