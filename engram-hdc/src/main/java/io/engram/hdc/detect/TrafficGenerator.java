package io.engram.hdc.detect;

/**
 * The reference packet generator (hdc-holon §12.1), draw for draw: normal traffic is 80 % TCP,
 * 18 % UDP, 2 % ICMP; attack phases draw a 0.95 coin per packet (calm phases draw none).
 */
public final class TrafficGenerator {
    private final TrafficRng rng;

    /** The reference seed, 42. */
    public TrafficGenerator() {
        this(new TrafficRng(42));
    }

    public TrafficGenerator(TrafficRng rng) {
        this.rng = rng;
    }

    /** The next packet of {@code phase}. */
    public Packet next(TrafficPhase phase) {
        if (phase.isAttack() && rng.random() < phase.attackFraction()) {
            return attack(phase.attack());
        }
        return normal();
    }

    public Packet normal() {
        double r = rng.random();
        if (r < 0.8) {
            int src = (int) rng.randint(49152, 65535);
            int dst = rng.choice(80, 443, 8080, 22);
            String flags = rng.choice("PA", "A", "SA", "S");
            int payload = (int) rng.randint(0, 1500);
            return new Packet("TCP", src, dst, flags, null, payload);
        } else if (r < 0.98) {
            int src = (int) rng.randint(49152, 65535);
            int dst = rng.choice(53, 443, 123);
            int payload = (int) rng.randint(20, 512);
            return new Packet("UDP", src, dst, null, null, payload);
        }
        int type = rng.choice(0, 8);
        return new Packet("ICMP", null, null, null, type, 64);
    }

    public Packet attack(AttackType type) {
        return switch (type) {
            case DNS_REFLECTION -> {
                int dst = (int) rng.randint(49152, 65535);
                yield new Packet("UDP", 53, dst, null, null, (int) rng.randint(256, 4096));
            }
            case SYN_FLOOD -> new Packet("TCP", (int) rng.randint(1, 65535), 80, "S", null, 0);
            case NTP_AMPLIFICATION -> {
                int dst = (int) rng.randint(49152, 65535);
                yield new Packet("UDP", 123, dst, null, null, (int) rng.randint(468, 482));
            }
            case UDP_FLOOD -> {
                int src = (int) rng.randint(1, 65535);
                int dst = (int) rng.randint(1, 65535);
                yield new Packet("UDP", src, dst, null, null, (int) rng.randint(0, 1400));
            }
        };
    }
}
