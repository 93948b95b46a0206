package io.engram.bench.ann;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A minimal JSON writer for reports: maps, lists, strings, numbers, booleans, null. */
public final class Json {

    private Json() {}

    public static String write(Object value) {
        StringBuilder b = new StringBuilder();
        write(b, value, 0);
        return b.append('\n').toString();
    }

    private static void write(StringBuilder b, Object value, int indent) {
        switch (value) {
            case null -> b.append("null");
            case String s -> quote(b, s);
            case Boolean bool -> b.append(bool);
            case Double d -> number(b, d);
            case Float f -> number(b, f.doubleValue());
            case Number n -> b.append(n.longValue());
            case Map<?, ?> map -> {
                if (map.isEmpty()) {
                    b.append("{}");
                    return;
                }
                b.append("{\n");
                Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator();
                while (it.hasNext()) {
                    Map.Entry<?, ?> e = it.next();
                    pad(b, indent + 1);
                    quote(b, String.valueOf(e.getKey()));
                    b.append(": ");
                    write(b, e.getValue(), indent + 1);
                    b.append(it.hasNext() ? ",\n" : "\n");
                }
                pad(b, indent);
                b.append('}');
            }
            case List<?> list -> {
                boolean simple = list.stream().noneMatch(v -> v instanceof Map<?, ?> || v instanceof List<?>);
                b.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (!simple) {
                        b.append('\n');
                        pad(b, indent + 1);
                    }
                    write(b, list.get(i), indent + 1);
                    if (i + 1 < list.size()) {
                        b.append(simple ? ", " : ",");
                    }
                }
                if (!simple && !list.isEmpty()) {
                    b.append('\n');
                    pad(b, indent);
                }
                b.append(']');
            }
            default -> quote(b, value.toString());
        }
    }

    private static void number(StringBuilder b, double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            b.append("null");
        } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            b.append((long) d);
        } else {
            // Six significant digits without trailing zeros; a bare trailing point ("10337.") is
            // not JSON, so it goes too.
            b.append(String.format(Locale.ROOT, "%.6g", d).replaceFirst("(\\.\\d*?)0+($|e)", "$1$2")
                    .replaceFirst("\\.($|e)", "$1"));
        }
    }

    static void quote(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }

    private static void pad(StringBuilder b, int indent) {
        b.append("  ".repeat(indent));
    }
}
