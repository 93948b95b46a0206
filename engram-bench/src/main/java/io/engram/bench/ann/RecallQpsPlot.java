package io.engram.bench.ann;

import java.util.Locale;

/**
 * The ann-benchmarks picture as SVG: recall@k on x, QPS on a log scale on y, one line per engine
 * through its sweep points (up and to the right is better).
 */
public final class RecallQpsPlot {

    static final int WIDTH = 800;
    static final int HEIGHT = 520;
    private static final int LEFT = 80;
    private static final int RIGHT = 200;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
            "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};

    private RecallQpsPlot() {}

    public static String svg(AnnResult r) {
        double minRecall = 1;
        double minQps = Double.MAX_VALUE;
        double maxQps = 0;
        for (AnnResult.EngineResult e : r.engines()) {
            for (AnnResult.Point p : e.points()) {
                minRecall = Math.min(minRecall, p.recall());
                if (p.qps() > 0) {
                    minQps = Math.min(minQps, p.qps());
                    maxQps = Math.max(maxQps, p.qps());
                }
            }
        }
        if (maxQps == 0) {
            minQps = 1;
            maxQps = 10;
        }
        double x0 = Math.max(0, Math.floor(minRecall * 10 - 1e-9) / 10);
        double x1 = 1.0;
        if (x1 - x0 < 0.1) {
            x0 = 0.9;
        }
        int y0 = (int) Math.floor(Math.log10(minQps));
        int y1 = Math.max(y0 + 1, (int) Math.ceil(Math.log10(maxQps)));
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                        + "font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        s.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"24\" font-size=\"15\">%s</text>%n", LEFT,
                escape(String.format(Locale.ROOT, "%s (%s, %d × %d d, %d queries): recall@%d vs QPS, one query thread",
                        r.dataset(), r.metric(), r.trainSize(), r.dimension(), r.querySize(), r.k()))));
        // Grid and axes.
        for (int i = 0; i <= Math.round((x1 - x0) * 20); i++) {
            double x = x0 + i * 0.05;
            double px = LEFT + (x - x0) / (x1 - x0) * plotW;
            boolean major = i % 2 == 0;
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\"/>%n",
                    px, TOP, px, TOP + plotH, major ? "#ddd" : "#f0f0f0"));
            if (major || x1 - x0 <= 0.3) {
                s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.2f</text>%n",
                        px, TOP + plotH + 18, x));
            }
        }
        for (int d = y0; d <= y1; d++) {
            double py = TOP + plotH - (double) (d - y0) / (y1 - y0) * plotH;
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
                    LEFT, py, LEFT + plotW, py));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                    LEFT - 6, py + 4, qpsLabel(Math.pow(10, d))));
        }
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#333\"/>%n",
                LEFT, TOP, plotW, plotH));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">recall@%d</text>%n",
                LEFT + plotW / 2, HEIGHT - 18, r.k()));
        s.append(String.format(Locale.ROOT,
                "<text x=\"18\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 18 %d)\">queries per second (log)</text>%n",
                TOP + plotH / 2, TOP + plotH / 2));
        // One polyline and markers per engine, legend on the right.
        int index = 0;
        for (AnnResult.EngineResult e : r.engines()) {
            String colour = COLOURS[index % COLOURS.length];
            StringBuilder pts = new StringBuilder();
            StringBuilder marks = new StringBuilder();
            for (AnnResult.Point p : e.points()) {
                double px = LEFT + (Math.clamp(p.recall(), x0, x1) - x0) / (x1 - x0) * plotW;
                double q = Math.log10(Math.max(p.qps(), Math.pow(10, y0)));
                double py = TOP + plotH - (q - y0) / (y1 - y0) * plotH;
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
                marks.append(String.format(Locale.ROOT,
                        "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"><title>%s %s=%d: recall %.4f, %.0f QPS</title></circle>%n",
                        px, py, colour, escape(e.engine()), e.sweepName().isEmpty() ? "param" : e.sweepName(), p.param(),
                        p.recall(), p.qps()));
            }
            s.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>%n",
                    pts.toString().strip(), colour));
            s.append(marks);
            int ly = TOP + 10 + index * 22;
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"3\"/>%n",
                    LEFT + plotW + 15, ly, LEFT + plotW + 40, ly, colour));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", LEFT + plotW + 46, ly + 4,
                    escape(e.engine())));
            index++;
        }
        s.append("</svg>\n");
        return s.toString();
    }

    private static String qpsLabel(double qps) {
        return qps >= 1e6 ? String.format(Locale.ROOT, "%.0fM", qps / 1e6)
                : qps >= 1e3 ? String.format(Locale.ROOT, "%.0fk", qps / 1e3) : String.format(Locale.ROOT, "%.0f", qps);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
