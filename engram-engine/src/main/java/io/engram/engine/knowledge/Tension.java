package io.engram.engine.knowledge;

import java.time.Instant;

/**
 * A typed contradiction between two records of a collection, found on write or declared.
 *
 * @param reason     why it was detected (e.g. the structured facts involved)
 * @param resolution the action taken and the caller's note, null while unresolved
 */
public record Tension(String id, String recordA, String recordB, TensionType type, TensionSeverity severity,
        TensionStatus status, String reason, String resolution, Instant detectedAt, Instant resolvedAt) {

    public Tension resolved(TensionStatus newStatus, String newResolution, Instant at) {
        return new Tension(id, recordA, recordB, type, severity, newStatus, reason, newResolution, detectedAt, at);
    }

    public boolean involves(String recordId) {
        return recordA.equals(recordId) || recordB.equals(recordId);
    }
}
