package io.engram.hdc.memory;

import io.engram.core.InvalidArgumentException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A named, immutable trace of a trained subspace (hdc-holon §10.3): its full state, its
 * eigenvalue signature (the normalized spectrum, for cheap comparisons), an optional surprise
 * profile (field → score) and free-form metadata. Single engrams hold one subspace, striped ones
 * one per stripe (their signature concatenates the per-stripe normalized spectra).
 *
 * <p>The subspace is rebuilt from the snapshot on first use; {@link #residual} never changes it.
 */
public final class Engram {
    /** Whether an engram holds one subspace or one per stripe. */
    public enum Kind { SINGLE, STRIPED }

    private final String name;
    private final Kind kind;
    private final List<SubspaceSnapshot> snapshots;
    private final double[] signature;
    private final Map<String, Double> surpriseProfile;
    private final Map<String, Object> metadata;
    private volatile OnlineSubspace single;
    private volatile StripedSubspace striped;

    Engram(String name, Kind kind, List<SubspaceSnapshot> snapshots, Map<String, Double> surpriseProfile,
            Map<String, Object> metadata) {
        if (name == null || name.isEmpty()) {
            throw new InvalidArgumentException("engram name must be non-empty, got " + (name == null ? "null" : "''"));
        }
        if (snapshots.isEmpty() || (kind == Kind.SINGLE && snapshots.size() != 1)) {
            throw new InvalidArgumentException("a " + kind + " engram needs " + (kind == Kind.SINGLE ? "1" : ">= 1")
                    + " subspace snapshot, got " + snapshots.size());
        }
        this.name = name;
        this.kind = kind;
        this.snapshots = List.copyOf(snapshots);
        this.signature = signatureOf(this.snapshots);
        this.surpriseProfile = surpriseProfile == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(surpriseProfile));
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata == null ? Map.of() : metadata));
    }

    /** A single engram from a trained subspace. */
    public static Engram of(String name, OnlineSubspace subspace, Map<String, Double> surpriseProfile,
            Map<String, Object> metadata) {
        return new Engram(name, Kind.SINGLE, List.of(subspace.snapshot()), surpriseProfile, metadata);
    }

    /** A striped engram from a trained striped subspace. */
    public static Engram ofStriped(String name, StripedSubspace subspace, Map<String, Double> surpriseProfile,
            Map<String, Object> metadata) {
        return new Engram(name, Kind.STRIPED, subspace.snapshot(), surpriseProfile, metadata);
    }

    /** The same trace under another name. */
    public Engram renamed(String newName) {
        return new Engram(newName, kind, snapshots, surpriseProfile, metadata);
    }

    public String name() {
        return name;
    }

    public Kind kind() {
        return kind;
    }

    public List<SubspaceSnapshot> snapshots() {
        return snapshots;
    }

    /** Observations the subspace learnt from (the first stripe's for striped engrams). */
    public long n() {
        return snapshots.getFirst().n();
    }

    public int dim() {
        return snapshots.getFirst().dim();
    }

    public double[] eigenvalueSignature() {
        return signature.clone();
    }

    /** Null when none was given. */
    public Map<String, Double> surpriseProfile() {
        return surpriseProfile;
    }

    public Map<String, Object> metadata() {
        return metadata;
    }

    /** Residual of x against a single engram's subspace. */
    public double residual(double[] x) {
        if (kind != Kind.SINGLE) {
            throw new InvalidArgumentException("engram '" + name + "' is striped; use residualStriped");
        }
        OnlineSubspace s = single;
        if (s == null) {
            s = OnlineSubspace.fromSnapshot(snapshots.getFirst());
            single = s;
        }
        return s.residual(x);
    }

    /** RSS residual of striped x against a striped engram. */
    public double residualStriped(double[][] x) {
        if (kind != Kind.STRIPED) {
            throw new InvalidArgumentException("engram '" + name + "' is single; use residual");
        }
        StripedSubspace s = striped;
        if (s == null) {
            s = StripedSubspace.fromSnapshot(snapshots);
            striped = s;
        }
        return s.residual(x);
    }

    /** A fresh subspace in the stored state (for continued training elsewhere). */
    public OnlineSubspace subspace() {
        if (kind != Kind.SINGLE) {
            throw new InvalidArgumentException("engram '" + name + "' is striped; it has one subspace per stripe");
        }
        return OnlineSubspace.fromSnapshot(snapshots.getFirst());
    }

    private static double[] signatureOf(List<SubspaceSnapshot> snapshots) {
        int total = snapshots.stream().mapToInt(SubspaceSnapshot::rows).sum();
        double[] out = new double[total];
        int at = 0;
        for (SubspaceSnapshot s : snapshots) {
            double[] eig = OnlineSubspace.fromSnapshot(s).eigenvalues();
            double norm = OnlineSubspace.norm(eig);
            for (double e : eig) {
                out[at++] = norm > OnlineSubspace.EPS ? e / norm : e;
            }
        }
        return out;
    }
}
