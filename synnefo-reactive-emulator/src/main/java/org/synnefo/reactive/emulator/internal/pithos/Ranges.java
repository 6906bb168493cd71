package org.synnefo.reactive.emulator.internal.pithos;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.synnefo.reactive.emulator.internal.EmulatorFault;

/** {@code Range} and {@code Content-Range} parsing as Synnefo does it. */
final class Ranges {

    private static final Pattern PART = Pattern.compile("^(\\d*)-(\\d*)$");
    private static final Pattern CONTENT = Pattern.compile("^bytes (\\d+)-(\\d*)/(\\d+|\\*)$");

    private Ranges() {
    }

    /**
     * The requested ranges as {start, end-exclusive} pairs; null when there is no usable Range header
     * (the whole object is served); 416 when any range lies outside the object.
     */
    static List<long[]> parse(String header, long size) {
        if (header == null) {
            return null;
        }
        String h = header.replace(" ", "");
        if (!h.startsWith("bytes=")) {
            return null;
        }
        List<long[]> out = new ArrayList<>();
        for (String part : h.substring(6).split(",", -1)) {
            Matcher m = PART.matcher(part.trim());
            if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
                return null;
            }
            long offset;
            long length;
            try {
                if (!m.group(1).isEmpty()) {
                    offset = Long.parseLong(m.group(1));
                    if (!m.group(2).isEmpty()) {
                        long upto = Long.parseLong(m.group(2));
                        if (offset > upto) {
                            return null;
                        }
                        length = upto - offset + 1;
                    } else {
                        length = size - offset;
                    }
                } else {
                    length = Long.parseLong(m.group(2));
                    offset = size - length;
                }
            } catch (NumberFormatException e) {
                return null;
            }
            out.add(new long[] {offset, length});
        }
        List<long[]> ranges = new ArrayList<>();
        for (long[] r : out) {
            long offset = r[0];
            long length = r[1];
            if (length <= 0 || length > size || offset < 0 || offset >= size || offset + length > size) {
                throw EmulatorFault.rangeNotSatisfiable("Requested range exceeds object limits");
            }
            ranges.add(new long[] {offset, offset + length});
        }
        return ranges;
    }

    /**
     * A {@code Content-Range} of a data update as {offset, length, total}: offset -1 for {@code bytes *}{@code /*}
     * (append), length -1 when open-ended, total -1 for {@code *}; null when invalid.
     */
    static long[] contentRange(String header) {
        if (header.equals("bytes */*")) {
            return new long[] {-1, -1, -1};
        }
        Matcher m = CONTENT.matcher(header);
        if (!m.matches()) {
            return null;
        }
        try {
            long offset = Long.parseLong(m.group(1));
            Long upto = m.group(2).isEmpty() ? null : Long.parseLong(m.group(2));
            Long total = m.group(3).equals("*") ? null : Long.parseLong(m.group(3));
            if ((upto != null && offset > upto) || (total != null && offset >= total)
                    || (total != null && upto != null && upto >= total)) {
                return null;
            }
            return new long[] {offset, upto == null ? -1 : upto - offset + 1, total == null ? -1 : total};
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
