package io.engram.index.rabitq;

/** Per-thread buffers of one query, so that searching allocates only its result. */
final class QueryScratch {
    float[] unit = new float[0];
    float[] rotated = new float[0];
    float[] rotationScratch = new float[0];
    long[] code = new long[0];
    int[] rows = new int[0];
    float[] scores = new float[0];
    final BufferedSelect candidates = new BufferedSelect();
    final BufferedSelect results = new BufferedSelect();

    private static final ThreadLocal<QueryScratch> LOCAL = ThreadLocal.withInitial(QueryScratch::new);

    static QueryScratch get(CodeStore store, int candidates) {
        QueryScratch s = LOCAL.get();
        int dim = store.dim;
        if (s.unit.length < dim) {
            s.unit = new float[dim];
            s.rotated = new float[dim];
        }
        if (s.rotationScratch.length < store.rotation.scratchLength()) {
            s.rotationScratch = new float[store.rotation.scratchLength()];
        }
        if (s.code.length < store.words) {
            s.code = new long[store.words];
        }
        if (s.rows.length < candidates) {
            s.rows = new int[candidates];
            s.scores = new float[candidates];
        }
        return s;
    }
}
