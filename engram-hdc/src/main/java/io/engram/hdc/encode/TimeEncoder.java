package io.engram.hdc.encode;

import io.engram.hdc.kernel.BundleBuilder;
import io.engram.hdc.kernel.HyperVector;
import io.engram.hdc.kernel.VectorManager;

/**
 * Time encoding with the Rust UTC integer arithmetic of hdc-holon §6.5: the bundle of four
 * role-bound components — hour of day, day of week, "month" (day of year / 30.5), all circular,
 * and the absolute position at a chosen resolution (positional encoder, scale 10000).
 *
 * <p>Circular components rotate between two ternary atoms, sgn(base·cos θ + ortho·sin θ), so two
 * instants at the same hour of day share that component even years apart. Thread-safe.
 */
public final class TimeEncoder {
    /** Scale of the position component. */
    public static final double POSITION_SCALE = 10000.0;

    /** Unit of the position component. */
    public enum Resolution {
        SECOND(1), MINUTE(60), HOUR(3600), DAY(86400);

        final double seconds;

        Resolution(double seconds) {
            this.seconds = seconds;
        }
    }

    private static final String[] CIRCULAR = {"hour", "dow", "month"};

    private final VectorManager atoms;
    private final PositionalEncoder positional;

    public TimeEncoder(VectorManager atoms) {
        this.atoms = atoms;
        this.positional = new PositionalEncoder(atoms.dimensions());
    }

    /** {@link #encode(double, Resolution)} at {@link Resolution#HOUR}. */
    public HyperVector encode(double epochSeconds) {
        return encode(epochSeconds, Resolution.HOUR);
    }

    /** The encoding of a UTC instant given in seconds since the Unix epoch. */
    public HyperVector encode(double epochSeconds, Resolution resolution) {
        PositionalEncoder.checkFinite(epochSeconds, "timestamp");
        long secs = (long) epochSeconds; // truncation toward zero, as Rust's `as i64`
        long secOfDay = Math.floorMod(secs, 86400L);
        long days = Math.floorDiv(secs, 86400L);
        double[] values = {
            secOfDay / 3600.0,
            dayOfWeek(secs),
            Math.floorMod(days, 365L) / 30.5,
        };
        double[] periods = {24, 7, 12};

        BundleBuilder sum = new BundleBuilder(atoms.dimensions());
        for (int c = 0; c < CIRCULAR.length; c++) {
            HyperVector component = circular(CIRCULAR[c], values[c], periods[c]);
            sum.addBound(atoms.get("__time_role_" + CIRCULAR[c] + "__"), component);
        }
        HyperVector position = positional.encode(epochSeconds / resolution.seconds, POSITION_SCALE);
        sum.addBound(atoms.get("__time_role_position__"), position);
        return sum.build();
    }

    /** Day of week of a UTC instant, 0 = Sunday (the epoch, a Thursday, is 4). */
    public static int dayOfWeek(long epochSeconds) {
        long days = Math.floorDiv(epochSeconds, 86400L);
        return (int) Math.floorMod(Math.floorMod(days, 7L) + 4, 7L);
    }

    private HyperVector circular(String name, double value, double period) {
        double theta = 2 * Math.PI * (value % period) / period;
        double c = StrictMath.cos(theta);
        double s = StrictMath.sin(theta);
        HyperVector base = atoms.get("__time_base_" + name + "__");
        HyperVector ortho = atoms.get("__time_ortho_" + name + "__");
        double[] out = new double[atoms.dimensions()];
        for (int i = 0; i < out.length; i++) {
            out[i] = base.get(i) * c + ortho.get(i) * s;
        }
        return HyperVector.signOf(out);
    }
}
