package org.synnefo.reactive.emulator.internal.pithos;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code meta=} listing filter: a comma list of {@code key}, {@code !key} and {@code key<op>value}
 * ({@code = != <= >= < >}), keys compared after Synnefo's normalisation, all terms AND-ed.
 */
record MetaFilter(String key, String op, String value) {

    private static final String[] OPS = {"!=", "<=", ">=", "=", "<", ">"};

    static List<MetaFilter> parse(String spec) {
        List<MetaFilter> out = new ArrayList<>();
        for (String raw : spec.split(",")) {
            String term = raw.trim();
            if (term.isEmpty()) {
                continue;
            }
            if (term.startsWith("!")) {
                out.add(new MetaFilter(Wire.capitalize(term.substring(1).trim()), "!", null));
                continue;
            }
            MetaFilter f = null;
            for (String op : OPS) {
                int i = term.indexOf(op);
                if (i > 0) {
                    f = new MetaFilter(Wire.capitalize(term.substring(0, i).trim()), op,
                            term.substring(i + op.length()).trim());
                    break;
                }
            }
            out.add(f != null ? f : new MetaFilter(Wire.capitalize(term), "?", null));
        }
        return out;
    }

    static boolean matches(List<MetaFilter> filters, Map<String, String> meta) {
        for (MetaFilter f : filters) {
            if (!f.test(meta)) {
                return false;
            }
        }
        return true;
    }

    private boolean test(Map<String, String> meta) {
        String v = meta.get(key);
        return switch (op) {
            case "?" -> v != null;
            case "!" -> v == null;
            case "=" -> value.equals(v);
            case "!=" -> v != null && !value.equals(v);
            case "<=" -> v != null && v.compareTo(value) <= 0;
            case ">=" -> v != null && v.compareTo(value) >= 0;
            case "<" -> v != null && v.compareTo(value) < 0;
            default -> v != null && v.compareTo(value) > 0;
        };
    }
}
