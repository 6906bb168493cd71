package org.synnefo.reactive.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

    private static String result(String bench, String params, double ms) {
        return "{\"benchmark\":\"org.synnefo.reactive.benchmarks." + bench + "\",\"mode\":\"ss\",\"params\":{" + params
                + "},\"primaryMetric\":{\"score\":" + ms + ",\"scoreUnit\":\"ms/op\",\"rawData\":[[" + ms + "," + ms
                + "]]}}";
    }

    @Test
    void ratiosToTheYardstickAndTheSequentialBaseline(@TempDir Path tmp) throws Exception {
        Path json = tmp.resolve("r.json");
        Files.writeString(json, "[" + String.join(",",
                result("HashBenchmark.sha256", "\"sizeMiB\":\"1024\"", 1000),
                result("TransferBenchmark.uploadFresh",
                        "\"concurrency\":\"8\",\"sizeMiB\":\"1024\",\"store\":\"memory\"", 2000),
                result("TransferBenchmark.uploadFresh",
                        "\"concurrency\":\"1\",\"sizeMiB\":\"1024\",\"store\":\"memory\"", 4000),
                result("TransferBenchmark.download",
                        "\"concurrency\":\"8\",\"sizeMiB\":\"1024\",\"store\":\"memory\"", 2000),
                result("TransferBenchmark.download",
                        "\"concurrency\":\"1\",\"sizeMiB\":\"1024\",\"store\":\"memory\"", 3000)) + "]");
        List<Report.Row> rows = Report.read(json);
        assertThat(rows).hasSize(5);
        assertThat(rows.get(0).mbps(rows.get(0).meanMs())).isCloseTo(1073.74, org.assertj.core.data.Offset.offset(0.01));

        String table = Report.table(rows, Map.of("uploadFresh concurrency=8 sizeMiB=1024 store=memory",
                List.of(new double[] {1e9, 1.5e9, 0.5e9, 0.5e9, 0.1e9, 0.1e9})));
        assertThat(table).contains("| sha256 1024 MiB | 1 core | 1074 | 1074..1074 | 1.00 |");
        assertThat(table).contains("| uploadFresh 1024 MiB | 8 | 537 | 537..537 | 0.50 | 2.00 | "
                + ">= 0.5x yardstick: met; >= 2x sequential: met | 1.50 | 716 | 33% / 33% / 7% / 7% / 20% |");
        assertThat(table).contains("| download 1024 MiB | 8 | 537 | 537..537 | 0.50 | 1.50 | "
                + ">= 0.6x yardstick: MISSED; >= 2x sequential: MISSED |");
    }
}
