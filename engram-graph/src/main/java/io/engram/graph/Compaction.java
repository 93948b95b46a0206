package io.engram.graph;

/**
 * Who folds committed versions back into flat arrays ({@link Graph#compact()}) once they reach
 * half the node ids. Compaction copies every edge, so on a small machine the question is whose
 * processor time it takes.
 */
public enum Compaction {
    /** Only when {@link Graph#compact()} is called. */
    MANUAL,
    /** A background thread; writers stall only if versions reach twice the threshold. */
    BACKGROUND,
    /**
     * The committing thread that crosses the threshold compacts before returning: writers pay
     * for the versions they create and readers keep their processors.
     */
    IN_WRITER;

    /** {@code BACKGROUND} with more than two processors, {@code IN_WRITER} otherwise. */
    public static Compaction forThisMachine() {
        return Runtime.getRuntime().availableProcessors() > 2 ? BACKGROUND : IN_WRITER;
    }
}
