package org.synnefo.reactive.emulator.internal.pithos;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The Pithos metadata model: accounts own containers, containers own entries, entries own versions. */
final class Model {

    private Model() {
    }

    /** One immutable version of an object (or a delete marker). Times are microseconds since the epoch. */
    record Version(long id, String uuid, long bytes, List<String> hashes, String contentType,
            String contentEncoding, String contentDisposition, String manifest, Map<String, String> meta,
            long mtime, String modifiedBy, boolean deleted) {

        Version {
            hashes = List.copyOf(hashes);
            meta = java.util.Collections.unmodifiableMap(new TreeMap<>(meta));
        }

        boolean isDirectory() {
            String ct = contentType == null ? "" : contentType;
            int semi = ct.indexOf(';');
            String base = (semi < 0 ? ct : ct.substring(0, semi)).trim();
            return base.equals("application/directory") || base.equals("application/folder");
        }
    }

    /** Who may read and write an object (and what is under it, for a directory object). */
    record Sharing(List<String> read, List<String> write) {
        Sharing {
            read = List.copyOf(read);
            write = List.copyOf(write);
        }

        boolean isEmpty() {
            return read.isEmpty() && write.isEmpty();
        }

        /** {@code read=a,b; write=c}, as Synnefo formats it. */
        String header() {
            List<String> parts = new ArrayList<>();
            if (!read.isEmpty()) {
                parts.add("read=" + String.join(",", read));
            }
            if (!write.isEmpty()) {
                parts.add("write=" + String.join(",", write));
            }
            return String.join("; ", parts);
        }
    }

    /** An object path with its history, its permissions and its public token (neither versioned). */
    static final class Entry {
        final String name;
        final List<Version> versions = new ArrayList<>();
        Sharing sharing;
        String publicToken;

        Entry(String name) {
            this.name = name;
        }

        /** The current version, or null when the object does not exist (never written or deleted). */
        Version live() {
            if (versions.isEmpty()) {
                return null;
            }
            Version v = versions.get(versions.size() - 1);
            return v.deleted() ? null : v;
        }

        /** The version current at {@code until} (microseconds), or null. */
        Version at(long until) {
            Version found = null;
            for (Version v : versions) {
                if (v.mtime() <= until) {
                    found = v;
                }
            }
            return found == null || found.deleted() ? null : found;
        }
    }

    static final class Container {
        final String name;
        long ctime;
        long mtime;
        Map<String, String> meta = new TreeMap<>();
        long quota;
        String versioning = "auto";
        String project;
        final TreeMap<String, Entry> entries = new TreeMap<>();
        long bytes;
        long count;

        Container(String name) {
            this.name = name;
        }
    }

    static final class Account {
        final String uuid;
        long mtime;
        Map<String, String> meta = new TreeMap<>();
        Map<String, List<String>> groups = new TreeMap<>();
        final TreeMap<String, Container> containers = new TreeMap<>();

        Account(String uuid) {
            this.uuid = uuid;
        }
    }
}
