package io.engram.bench.ann;

import io.engram.bench.TempDirectory;
import io.engram.core.InvalidArgumentException;
import io.engram.core.Metric;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Named datasets for the ANN harness.
 *
 * <ul>
 *   <li>{@code fashion-mnist}: 60,000 train and 10,000 query images of 784 unsigned bytes, L2 (the
 *       ann-benchmarks {@code fashion-mnist-784-euclidean} split). Taken from the Debian package
 *       {@code dataset-fashion-mnist}, fetched without root by {@code apt-get download} and unpacked
 *       with {@code dpkg-deb -x} into {@code <cache>/datasets/fashion-mnist/} on first use.
 *   <li>{@code gaussian:NxD[:seed]}: N train vectors of D standard normal components (seed 42 by
 *       default) and {@link #gaussianQueryCount(int)} queries drawn from a separate stream, L2.
 * </ul>
 */
public final class Datasets {

    public static final String FASHION_MNIST = "fashion-mnist";
    public static final long DEFAULT_SEED = 42;

    static final String DEBIAN_PACKAGE = "dataset-fashion-mnist";
    static final String PACKAGE_DIR = "usr/share/datasets/fashion-mnist";

    private static final Pattern GAUSSIAN = Pattern.compile("gaussian:(\\d+)x(\\d+)(?::(-?\\d+))?");

    private Datasets() {}

    /** Loads the dataset named by {@code spec}, downloading into {@code cacheDir} when needed. */
    public static Dataset load(String spec, Path cacheDir) throws IOException {
        if (spec.equals(FASHION_MNIST)) {
            return fashionMnist(cacheDir);
        }
        Matcher m = GAUSSIAN.matcher(spec);
        if (m.matches()) {
            long seed = m.group(3) == null ? DEFAULT_SEED : Long.parseLong(m.group(3));
            return gaussian(parseSize(m.group(1), spec), parseSize(m.group(2), spec), seed);
        }
        throw new InvalidArgumentException("unknown dataset '" + spec
                + "'; expected fashion-mnist or gaussian:NxD[:seed] (e.g. gaussian:10000x128)");
    }

    /** Queries of a gaussian dataset: a tenth of N, at least 10 and at most 1,000. */
    public static int gaussianQueryCount(int n) {
        return Math.max(10, Math.min(1_000, n / 10));
    }

    /** Seeded Gaussian data; train and queries come from independent streams of the same seed. */
    public static Dataset gaussian(int n, int dim, long seed) {
        InvalidArgumentException.check(n > 0 && dim > 0, "gaussian needs N > 0 and D > 0, got %dx%d", n, dim);
        InvalidArgumentException.check((long) n * dim <= 1L << 31,
                "gaussian:%dx%d is too large (at most 2^31 floats)", n, dim);
        SplittableRandom random = new SplittableRandom(seed);
        SplittableRandom queryRandom = random.split();
        String name = "gaussian-" + n + "x" + dim + "-seed" + seed;
        return new Dataset(name, Metric.L2, draw(random, n, dim), draw(queryRandom, gaussianQueryCount(n), dim));
    }

    private static float[][] draw(SplittableRandom random, int n, int dim) {
        float[][] rows = new float[n][dim];
        for (float[] row : rows) {
            for (int i = 0; i < dim; i++) {
                row[i] = (float) random.nextGaussian();
            }
        }
        return rows;
    }

    /** Fashion-MNIST from the cache, fetching the Debian package first when it is not there. */
    public static Dataset fashionMnist(Path cacheDir) throws IOException {
        Path root = cacheDir.resolve("datasets").resolve(FASHION_MNIST);
        Path dir = root.resolve(PACKAGE_DIR);
        Path train = dir.resolve("train-images-idx3-ubyte.gz");
        Path test = dir.resolve("t10k-images-idx3-ubyte.gz");
        if (!Files.isRegularFile(train) || !Files.isRegularFile(test)) {
            fetchDebianPackage(root);
        }
        return new Dataset(FASHION_MNIST, Metric.L2, IdxFile.read(train), IdxFile.read(test));
    }

    /** {@code apt-get download} then {@code dpkg-deb -x} into {@code root}; no root rights needed. */
    static void fetchDebianPackage(Path root) throws IOException {
        fetchDebianPackage(root, System.getenv("PATH"));
    }

    /** As {@link #fetchDebianPackage(Path)}, looking for the tools on {@code searchPath}. */
    static void fetchDebianPackage(Path root, String searchPath) throws IOException {
        for (String tool : List.of("apt-get", "dpkg-deb")) {
            if (!onPath(tool, searchPath)) {
                throw new IOException("fashion-mnist is not in " + root + " and '" + tool + "' is not on PATH;"
                        + " on a Debian/Ubuntu system run: apt-get download " + DEBIAN_PACKAGE
                        + " && dpkg-deb -x " + DEBIAN_PACKAGE + "_*.deb " + root);
            }
        }
        Files.createDirectories(root);
        Path work = Files.createTempDirectory(root, "download-");
        try {
            System.err.println("engram: fetching " + DEBIAN_PACKAGE + " with apt-get download into " + root);
            exec(work, "apt-get", "download", DEBIAN_PACKAGE);
            Path deb;
            try (Stream<Path> files = Files.list(work)) {
                deb = files.filter(p -> p.getFileName().toString().endsWith(".deb")).findFirst()
                        .orElseThrow(() -> new IOException("apt-get download left no .deb in " + work));
            }
            exec(work, "dpkg-deb", "-x", deb.toString(), root.toString());
        } finally {
            TempDirectory.deleteRecursively(work);
        }
    }

    private static boolean onPath(String tool, String path) {
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private static void exec(Path dir, String... command) throws IOException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output;
        try {
            output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish within 30 minutes");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(String.join(" ", command) + " interrupted", e);
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed with exit code " + process.exitValue()
                    + ": " + output.strip());
        }
    }


    private static int parseSize(String digits, String spec) {
        try {
            int v = Integer.parseInt(digits);
            InvalidArgumentException.check(v > 0, "dataset '%s': sizes must be positive", spec);
            return v;
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException("dataset '" + spec + "': size " + digits + " is too large");
        }
    }
}
