package io.engram.hdc.memory;

import io.engram.core.DimensionMismatchException;
import io.engram.core.InvalidArgumentException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Named engrams of one dimension, matched against probes (hdc-holon §10.3): by residual (which
 * learnt subspace explains x best), by spectrum (eigenvalue signatures) or by subspace alignment.
 *
 * <p>The references prefilter by Σ signature², which is 1 for every normalized signature, so their
 * prefilter is effectively arbitrary; this library scores every engram, which equals the
 * references whenever the count is at most the prefilter size. Not thread-safe for writes.
 */
public final class EngramLibrary {
    /** A name and its score (residual, cosine or alignment, depending on the query). */
    public record Match(String name, double score) {}

    private final int dim;
    private final Map<String, Engram> engrams = new LinkedHashMap<>();

    public EngramLibrary(int dim) {
        if (dim <= 0) {
            throw new InvalidArgumentException("library dimension must be positive, got " + dim);
        }
        this.dim = dim;
    }

    public int dim() {
        return dim;
    }

    /** Adds (or replaces) a single engram trained as {@code subspace}. */
    public Engram add(String name, OnlineSubspace subspace, Map<String, Double> surpriseProfile, Map<String, Object> metadata) {
        return put(Engram.of(name, subspace, surpriseProfile, metadata));
    }

    public Engram add(String name, OnlineSubspace subspace) {
        return add(name, subspace, null, Map.of());
    }

    /** Adds (or replaces) a striped engram. */
    public Engram addStriped(String name, StripedSubspace subspace, Map<String, Double> surpriseProfile,
            Map<String, Object> metadata) {
        return put(Engram.ofStriped(name, subspace, surpriseProfile, metadata));
    }

    /** Stores {@code engram} under {@code name} (a renamed copy when the names differ). */
    public Engram addFromEngram(String name, Engram engram) {
        return put(name.equals(engram.name()) ? engram : engram.renamed(name));
    }

    private Engram put(Engram e) {
        DimensionMismatchException.check(dim, e.dim());
        engrams.put(e.name(), e);
        return e;
    }

    public boolean remove(String name) {
        return engrams.remove(name) != null;
    }

    /** Null when absent. */
    public Engram get(String name) {
        return engrams.get(name);
    }

    public boolean contains(String name) {
        return engrams.containsKey(name);
    }

    public List<String> names() {
        return List.copyOf(engrams.keySet());
    }

    public int size() {
        return engrams.size();
    }

    /** {@link #match(double[], int)} with top 3. */
    public List<Match> match(double[] x) {
        return match(x, 3);
    }

    /** Single engrams by residual of x, smallest first (name order on ties), at most topK. */
    public List<Match> match(double[] x, int topK) {
        DimensionMismatchException.check(dim, x.length);
        List<Match> out = new ArrayList<>();
        for (Engram e : engrams.values()) {
            if (e.kind() == Engram.Kind.SINGLE) {
                out.add(new Match(e.name(), e.residual(x)));
            }
        }
        out.sort(Comparator.comparingDouble(Match::score).thenComparing(Match::name));
        return truncate(out, topK);
    }

    /** Striped engrams by RSS residual of striped x, smallest first. */
    public List<Match> matchStriped(double[][] x, int topK) {
        List<Match> out = new ArrayList<>();
        for (Engram e : engrams.values()) {
            if (e.kind() == Engram.Kind.STRIPED && e.snapshots().size() == x.length) {
                out.add(new Match(e.name(), e.residualStriped(x)));
            }
        }
        out.sort(Comparator.comparingDouble(Match::score).thenComparing(Match::name));
        return truncate(out, topK);
    }

    /** Cosine of the normalized probe spectrum with each signature over their common length, largest first. */
    public List<Match> matchSpectrum(double[] eigenvalues, int topK) {
        double norm = OnlineSubspace.norm(eigenvalues);
        List<Match> out = new ArrayList<>();
        for (Engram e : engrams.values()) {
            double[] sig = e.eigenvalueSignature();
            int len = Math.min(sig.length, eigenvalues.length);
            double dot = 0;
            double sn = 0;
            double pn = 0;
            for (int i = 0; i < len; i++) {
                double p = norm > OnlineSubspace.EPS ? eigenvalues[i] / norm : eigenvalues[i];
                dot += p * sig[i];
                sn += sig[i] * sig[i];
                pn += p * p;
            }
            double denominator = Math.sqrt(sn) * Math.sqrt(pn);
            out.add(new Match(e.name(), denominator < OnlineSubspace.EPS ? 0.0 : dot / denominator));
        }
        out.sort(Comparator.comparingDouble(Match::score).reversed().thenComparing(Match::name));
        return truncate(out, topK);
    }

    /** Single engrams by subspace alignment with {@code probe}, largest first. */
    public List<Match> matchAlignment(OnlineSubspace probe, int topK) {
        List<Match> out = new ArrayList<>();
        for (Engram e : engrams.values()) {
            if (e.kind() == Engram.Kind.SINGLE) {
                out.add(new Match(e.name(), probe.subspaceAlignment(e.subspace(), 0)));
            }
        }
        out.sort(Comparator.comparingDouble(Match::score).reversed().thenComparing(Match::name));
        return truncate(out, topK);
    }

    /** Writes the library as JSON (atomically: temp file, fsync, rename). */
    public void save(Path file) throws IOException {
        EngramLibraryJson.save(this, file);
    }

    /** Reads a library written by {@link #save}; a malformed file is a {@link io.engram.core.CorruptFileException}. */
    public static EngramLibrary load(Path file) throws IOException {
        return EngramLibraryJson.load(file);
    }

    Iterable<Engram> engrams() {
        return engrams.values();
    }

    void restore(Engram e) {
        put(e);
    }

    private static List<Match> truncate(List<Match> list, int topK) {
        if (topK < 0) {
            throw new InvalidArgumentException("topK must be >= 0, got " + topK);
        }
        return list.size() > topK ? List.copyOf(list.subList(0, topK)) : list;
    }
}
