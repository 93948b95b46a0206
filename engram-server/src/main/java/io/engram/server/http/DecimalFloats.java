package io.engram.server.http;

/**
 * Turns the text of a JSON number into the float a request vector holds, exactly as
 * {@code (float) Double.parseDouble(text)} would — except {@code -0}, which is +0 as the tree
 * path's integer node gives it: the server's tree path reads a number as a double (or an integer)
 * and narrows it, and both paths must agree to the bit.
 *
 * <p>The common case — at most 15 significant digits and a decimal exponent within ±22, which is
 * what {@code Float.toString} and most clients print — is Clinger's fast path: the digits as an
 * exact long, one IEEE multiplication or division by an exactly representable power of ten, so
 * the double is correctly rounded. Everything else goes to {@link Double#parseDouble}.
 */
final class DecimalFloats {
    private static final double[] POWERS_OF_TEN = new double[23];

    static {
        double p = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = p;
            p *= 10;
        }
    }

    private DecimalFloats() {}

    /** The float of the JSON number in the ASCII bytes {@code text[offset, offset + length)} (valid JSON number syntax). */
    static float parse(byte[] text, int offset, int length) {
        int i = offset;
        int end = offset + length;
        boolean negative = false;
        if (i < end && text[i] == '-') {
            negative = true;
            i++;
        }
        long digits = 0;
        int significant = 0;
        int exponent = 0;
        boolean seenDot = false;
        boolean seenExponent = false;
        for (; i < end; i++) {
            int c = text[i];
            if (c >= '0' && c <= '9') {
                if (digits == 0 && c == '0') {
                    if (seenDot) {
                        exponent--; // a leading zero after the point only shifts the scale
                    }
                    continue;
                }
                if (++significant > 15) {
                    return slow(text, offset, length);
                }
                digits = digits * 10 + (c - '0');
                if (seenDot) {
                    exponent--;
                }
            } else if (c == '.' && !seenDot) {
                seenDot = true;
            } else if (c == 'e' || c == 'E') {
                int written = parseExponent(text, i + 1, end);
                if (written == Integer.MIN_VALUE) {
                    return slow(text, offset, length);
                }
                exponent += written;
                seenExponent = true;
                break;
            } else {
                return slow(text, offset, length);
            }
        }
        double value;
        if (digits == 0) {
            // Jackson reads an integer token as an int node, so "-0" is +0 on the tree path; "-0.0" is −0.
            value = 0;
            if (!seenDot && !seenExponent) {
                return 0f;
            }
        } else if (exponent >= 0 && exponent < POWERS_OF_TEN.length) {
            value = digits * POWERS_OF_TEN[exponent];
            if (exponent > 0 && significant + exponent > 15) {
                return slow(text, offset, length); // the product may be inexact
            }
        } else if (exponent < 0 && -exponent < POWERS_OF_TEN.length) {
            value = digits / POWERS_OF_TEN[-exponent];
        } else {
            return slow(text, offset, length);
        }
        return (float) (negative ? -value : value);
    }

    /** The exponent after 'e', or MIN_VALUE when it is missing or too long to matter here. */
    private static int parseExponent(byte[] text, int from, int end) {
        int i = from;
        boolean negative = false;
        if (i < end && (text[i] == '+' || text[i] == '-')) {
            negative = text[i] == '-';
            i++;
        }
        if (i == end || end - i > 4) {
            return Integer.MIN_VALUE;
        }
        int e = 0;
        for (; i < end; i++) {
            int c = text[i];
            if (c < '0' || c > '9') {
                return Integer.MIN_VALUE;
            }
            e = e * 10 + (c - '0');
        }
        return negative ? -e : e;
    }

    private static float slow(byte[] text, int offset, int length) {
        return (float) Double.parseDouble(new String(text, offset, length, java.nio.charset.StandardCharsets.US_ASCII));
    }
}
