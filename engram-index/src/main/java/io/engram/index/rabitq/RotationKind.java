package io.engram.index.rabitq;

import io.engram.core.CorruptFileException;

/** The two random rotations of the RaBitQ family; {@link #code()} is the byte a v2 file records. */
public enum RotationKind {
    /** Dense Haar-random orthogonal matrix (Gaussian draws, modified Gram–Schmidt): O(D²) apply. */
    HAAR_DENSE(0),
    /** Three random sign vectors around two Walsh–Hadamard transforms: O(P log P) apply. */
    HADAMARD_SIGNED(1);

    private final int code;

    RotationKind(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The kind a file byte names; anything else is a corrupt file. */
    public static RotationKind fromCode(int code) {
        for (RotationKind kind : values()) {
            if (kind.code == code) {
                return kind;
            }
        }
        throw new CorruptFileException("unknown rotation kind " + code + " (expected 0 = HaarDense or 1 = HadamardSigned)");
    }
}
