package org.synnefo.reactive.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns JMH's JSON results (and the {@link CpuMeter} log) into the table of {@code docs/benchmarks.md}:
 * MB/s (10^6 bytes per second, from the bytes of one operation and its time), the ratio to the SHA-256
 * yardstick, the ratio to the sequential baseline ({@code concurrency=1}), whether the goal is met, and
 * where the CPU went.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar org.synnefo.reactive.benchmarks.Report results.json [cpu.tsv]</pre>
 */
public final class Report {

    /** Goals of issue 5 as ratios to the yardstick. */
    static final Map<String, Double> GOALS = Map.of("uploadFresh", 0.5, "uploadDedup", 1.2, "download", 0.6);
    /** Each concurrent transfer must beat the sequential baseline by this factor. */
    static final double SEQUENTIAL_GOAL = 2.0;

    private Report() {
    }

    /** One JMH result. */
    record Row(String name, Map<String, String> params, double meanMs, double minMs, double maxMs, int samples) {

        long bytes() {
            if (params.containsKey("blocks")) {
                return Long.parseLong(params.get("blocks")) * EmulatorBenchmark.BLOCK;
            }
            return Long.parseLong(params.getOrDefault("sizeMiB", "0")) * BenchFiles.MIB;
        }

        double mbps(double ms) {
            return bytes() / 1e6 / (ms / 1000.0);
        }

        String key() {
            StringBuilder b = new StringBuilder(name);
            params.forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
            return b.toString();
        }

        String concurrency() {
            return params.getOrDefault("concurrency", name.equals("sha256") ? "1 core" : "");
        }

        /** The same benchmark with concurrency 1. */
        boolean isBaselineOf(Row r) {
            if (!name.equals(r.name) || !"1".equals(params.get("concurrency"))) {
                return false;
            }
            Map<String, String> a = new TreeMap<>(params);
            Map<String, String> b = new TreeMap<>(r.params);
            a.remove("concurrency");
            b.remove("concurrency");
            return a.equals(b);
        }
    }

    /**
     * @param args the JMH JSON file, then optionally the CPU log
     * @throws IOException when a file cannot be read
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: Report results.json [cpu.tsv]");
            System.exit(2);
        }
        List<Row> rows = read(Path.of(args[0]));
        Map<String, List<double[]>> cpu = args.length > 1 && Files.exists(Path.of(args[1]))
                ? readCpu(Path.of(args[1])) : Map.of();
        System.out.print(table(rows, cpu));
    }

    static List<Row> read(Path json) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (JsonNode r : new ObjectMapper().readTree(json.toFile())) {
            String bench = r.path("benchmark").asText();
            String name = bench.substring(bench.lastIndexOf('.') + 1);
            Map<String, String> params = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = r.path("params").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                params.put(e.getKey(), e.getValue().asText());
            }
            JsonNode pm = r.path("primaryMetric");
            double factor = toMs(pm.path("scoreUnit").asText("ms/op"));
            double min = Double.MAX_VALUE;
            double max = 0;
            int n = 0;
            for (JsonNode fork : pm.path("rawData")) {
                for (JsonNode v : fork) {
                    min = Math.min(min, v.asDouble() * factor);
                    max = Math.max(max, v.asDouble() * factor);
                    n++;
                }
            }
            double mean = pm.path("score").asDouble() * factor;
            rows.add(new Row(name, params, mean, n == 0 ? mean : min, n == 0 ? mean : max, n));
        }
        return rows;
    }

    private static double toMs(String unit) {
        return switch (unit) {
            case "s/op" -> 1000.0;
            case "ms/op" -> 1.0;
            case "us/op" -> 1e-3;
            case "ns/op" -> 1e-6;
            default -> throw new IllegalArgumentException("unexpected JMH unit " + unit + " (use SingleShotTime)");
        };
    }

    static Map<String, List<double[]>> readCpu(Path tsv) throws IOException {
        Map<String, List<double[]>> m = new HashMap<>();
        for (String line : Files.readAllLines(tsv)) {
            String[] f = line.split("\t");
            if (f.length < 3) {
                continue;
            }
            double[] v = new double[f.length - 1];
            for (int i = 1; i < f.length; i++) {
                v[i - 1] = Double.parseDouble(f[i]);
            }
            m.computeIfAbsent(f[0], k -> new ArrayList<>()).add(v);
        }
        return m;
    }

    static String table(List<Row> rows, Map<String, List<double[]>> cpu) {
        Row yard = rows.stream().filter(r -> r.name.equals("sha256")).findFirst().orElse(null);
        double y = yard == null ? Double.NaN : yard.mbps(yard.meanMs);
        StringBuilder out = new StringBuilder();
        out.append("| benchmark | concurrency | MB/s (mean) | MB/s (worst..best) | x yardstick | x sequential | goal "
                + "| CPU cores busy | MB per CPU-second | CPU: event loops / parallel / boundedElastic / other threads / GC+JIT |\n");
        out.append("|---|---|---:|---:|---:|---:|---|---:|---:|---|\n");
        for (Row r : rows) {
            double mbps = r.mbps(r.meanMs);
            Row seq = rows.stream().filter(b -> b != r && b.isBaselineOf(r)).findFirst().orElse(null);
            double xs = seq == null ? Double.NaN : mbps / seq.mbps(seq.meanMs);
            String goal = "";
            if (GOALS.containsKey(r.name) && !"1".equals(r.params.get("concurrency"))) {
                double g = GOALS.get(r.name);
                boolean ok = mbps / y >= g;
                goal = String.format(Locale.ROOT, ">= %.1fx yardstick: %s", g, ok ? "met" : "MISSED");
                if (seq != null) {
                    goal += String.format(Locale.ROOT, "; >= %.0fx sequential: %s", SEQUENTIAL_GOAL,
                            xs >= SEQUENTIAL_GOAL ? "met" : "MISSED");
                }
            }
            String label = r.name + (r.params.containsKey("sizeMiB") ? " " + r.params.get("sizeMiB") + " MiB"
                    : r.params.containsKey("blocks") ? " " + r.params.get("blocks") + " x 4 MiB" : "")
                    + (r.params.containsKey("store") && !"memory".equals(r.params.get("store"))
                            ? " (store=" + r.params.get("store") + ")" : "");
            out.append(String.format(Locale.ROOT, "| %s | %s | %.0f | %.0f..%.0f | %s | %s | %s | %s |%n",
                    label, r.concurrency(), mbps, r.mbps(r.maxMs), r.mbps(r.minMs),
                    Double.isNaN(y) ? "" : String.format(Locale.ROOT, "%.2f", mbps / y),
                    Double.isNaN(xs) ? "" : String.format(Locale.ROOT, "%.2f", xs), goal,
                    cpuCells(cpu.get(r.key()), r.bytes())));
        }
        return out.toString();
    }

    /**
     * Medians over the operations (warm-up included) of the cores busy, of the bytes moved per CPU-second
     * of the whole process (a figure that other load on the machine hardly changes) and of each thread
     * family's share of the CPU.
     */
    private static String cpuCells(List<double[]> samples, long bytes) {
        if (samples == null || samples.isEmpty()) {
            return " |  | ";
        }
        double[] busy = new double[samples.size()];
        double[] perCpu = new double[samples.size()];
        int families = samples.get(0).length - 2;
        double[][] shares = new double[families + 1][samples.size()];
        for (int s = 0; s < samples.size(); s++) {
            double[] v = samples.get(s);
            double wall = v[0];
            double process = v[1];
            busy[s] = process / wall;
            perCpu[s] = bytes / 1e6 / (process / 1e9);
            double threads = 0;
            for (int f = 0; f < families; f++) {
                shares[f][s] = v[2 + f] / process;
                threads += v[2 + f];
            }
            shares[families][s] = Math.max(0, process - threads) / process;
        }
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%.2f | %.0f | ", median(busy),
                median(perCpu)));
        for (int f = 0; f <= families; f++) {
            b.append(f == 0 ? "" : " / ").append(String.format(Locale.ROOT, "%.0f%%", 100 * median(shares[f])));
        }
        return b.toString();
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        java.util.Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
    }
}
