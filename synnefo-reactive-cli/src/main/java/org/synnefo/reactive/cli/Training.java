package org.synnefo.reactive.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.synnefo.reactive.core.json.SynnefoJson;
import org.synnefo.reactive.pithos.ObjectEntry;

/**
 * Extra work for the one run that writes a class-data archive (the launcher sets {@value #PROPERTY}): the
 * archive holds the classes that run loaded, and later runs of the same kind load the rest from the jar,
 * parsed and verified each time. A first download of a small object never touches the JSON codec, which a
 * later download of a static large object needs for its manifest (measured: such a 1 GiB download then
 * loaded ~880 classes outside the archive, ~400 of them Jackson's). So the codec is exercised here the way
 * transfers use it: a listing read into entries, a manifest written and read back. Offline: nothing is sent.
 */
final class Training {

    /** The system property the launcher sets when this run writes an archive. */
    static final String PROPERTY = "snf.cds.training";

    private static final String LISTING = "[{\"name\":\"d/a.bin\",\"bytes\":1,"
            + "\"hash\":\"0cc175b9c0f1b6a831c399e269772661\","
            + "\"content_type\":\"application/octet-stream\",\"last_modified\":\"2026-01-01T00:00:00.000000\"},"
            + "{\"subdir\":\"d/e/\"}]";

    private Training() {
    }

    /** @return the entries read and the manifest as read back (what the caller may check) */
    static List<Object> run() {
        List<Object> out = new ArrayList<>();
        for (JsonNode n : SynnefoJson.readTree(LISTING.getBytes(StandardCharsets.UTF_8))) {
            out.add(ObjectEntry.from(n));
        }
        Map<String, Object> segment = new LinkedHashMap<>();
        segment.put("path", "/c_segments/o/slo/1/1/1/00000000");
        segment.put("etag", "0cc175b9c0f1b6a831c399e269772661");
        segment.put("size_bytes", 1L);
        out.add(SynnefoJson.readTree(SynnefoJson.write(List.of(segment))));
        return out;
    }
}
