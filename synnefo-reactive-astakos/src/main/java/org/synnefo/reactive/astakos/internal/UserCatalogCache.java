package org.synnefo.reactive.astakos.internal;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The uuid to display name mapping learnt from {@code user_catalogs} answers, in both directions. Only
 * names the server knew are kept: an unknown name is never cached, so a user created later is found on the
 * next lookup. Bounded: past {@link #MAX_ENTRIES} names the cache starts over rather than grow without end.
 */
public final class UserCatalogCache {

    /** The most names kept in each direction: 10,000. */
    public static final int MAX_ENTRIES = 10_000;

    private final ConcurrentHashMap<String, String> uuidToName = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, String> nameToUuid = new ConcurrentHashMap<>();

    /**
     * Records the known pairs of an answer.
     *
     * @param uuidCatalog uuid to name
     * @param nameCatalog name to uuid
     */
    public void merge(Map<String, String> uuidCatalog, Map<String, String> nameCatalog) {
        if (uuidToName.size() + uuidCatalog.size() + nameCatalog.size() > MAX_ENTRIES
                || nameToUuid.size() + uuidCatalog.size() + nameCatalog.size() > MAX_ENTRIES) {
            uuidToName.clear();
            nameToUuid.clear();
        }
        uuidCatalog.forEach((uuid, name) -> {
            uuidToName.put(uuid, name);
            nameToUuid.put(name, uuid);
        });
        nameCatalog.forEach((name, uuid) -> {
            nameToUuid.put(name, uuid);
            uuidToName.put(uuid, name);
        });
    }

    /**
     * @param uuids uuids
     * @return those cached, mapped to their names, in the given order
     */
    public Map<String, String> namesOf(Collection<String> uuids) {
        return pick(uuidToName, uuids);
    }

    /**
     * @param names display names
     * @return those cached, mapped to their uuids, in the given order
     */
    public Map<String, String> uuidsOf(Collection<String> names) {
        return pick(nameToUuid, names);
    }

    /** Forgets everything. */
    public void clear() {
        uuidToName.clear();
        nameToUuid.clear();
    }

    private static Map<String, String> pick(Map<String, String> from, Collection<String> keys) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String k : keys) {
            String v = from.get(k);
            if (v != null) {
                out.put(k, v);
            }
        }
        return out;
    }
}
