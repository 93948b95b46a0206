package io.engram.hdc.detect;

import io.engram.core.InvalidArgumentException;
import java.util.List;

/**
 * One phase of the simulated timeline: a duration at a nominal packet rate, calm (attack null) or
 * an attack where each packet is an attack packet with probability {@code attackFraction}.
 */
public record TrafficPhase(String name, int durationSeconds, int packetsPerSecond, AttackType attack, double attackFraction) {
    /** The reference's time compression: packets = duration · pps · 0.005. */
    public static final double REFERENCE_SCALE = 0.005;

    /** The reference timeline (48,750 packets at {@link #REFERENCE_SCALE}). */
    public static final List<TrafficPhase> REFERENCE_TIMELINE = List.of(
            calm("warmup", 600, 100),
            new TrafficPhase("DNS attack", 30, 100_000, AttackType.DNS_REFLECTION, 0.95),
            calm("recovery-1", 300, 100),
            new TrafficPhase("SYN flood", 45, 80_000, AttackType.SYN_FLOOD, 0.95),
            calm("recovery-2", 300, 100),
            new TrafficPhase("NTP attack", 30, 100_000, AttackType.NTP_AMPLIFICATION, 0.95),
            calm("final", 300, 100));

    public TrafficPhase {
        if (durationSeconds < 0 || packetsPerSecond <= 0) {
            throw new InvalidArgumentException("phase " + name + " needs duration >= 0 and pps > 0, got "
                    + durationSeconds + " s at " + packetsPerSecond + " pps");
        }
        if (!(attackFraction >= 0 && attackFraction <= 1)) {
            throw new InvalidArgumentException("attack fraction must be in [0, 1], got " + attackFraction);
        }
    }

    public static TrafficPhase calm(String name, int durationSeconds, int packetsPerSecond) {
        return new TrafficPhase(name, durationSeconds, packetsPerSecond, null, 0.0);
    }

    public boolean isAttack() {
        return attack != null;
    }

    /** Packets this phase emits at {@code scale}, at least 1 (the reference's float product, truncated). */
    public int packets(double scale) {
        return Math.max(1, (int) ((double) durationSeconds * (double) packetsPerSecond * scale));
    }
}
