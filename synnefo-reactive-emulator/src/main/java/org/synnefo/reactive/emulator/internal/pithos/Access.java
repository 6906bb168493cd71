package org.synnefo.reactive.emulator.internal.pithos;

import java.util.List;
import org.synnefo.reactive.emulator.internal.pithos.Model.Account;
import org.synnefo.reactive.emulator.internal.pithos.Model.Container;
import org.synnefo.reactive.emulator.internal.pithos.Model.Entry;
import org.synnefo.reactive.emulator.internal.pithos.Model.Sharing;
import org.synnefo.reactive.emulator.internal.pithos.Model.Version;

/**
 * Who may see what (synnefo-api.md §6.9): owners everything; others what an object's own sharing, or
 * the nearest shared directory object above it, grants them; write implies read. Callers hold the
 * store's monitor.
 */
final class Access {

    /** The sharing that applies to an object and the path ({@code account/container/name}) it comes from. */
    record Perm(String path, Sharing sharing) {
    }

    private final PithosStore store;

    Access(PithosStore store) {
        this.store = store;
    }

    /** The nearest permission: the object's own, else the closest directory object above it that is shared. */
    Perm permission(String account, Container c, String name) {
        Entry own = c.entries.get(name);
        if (own != null && own.sharing != null) {
            return new Perm(account + "/" + c.name + "/" + name, own.sharing);
        }
        int slash = name.lastIndexOf('/');
        while (slash > 0) {
            String parent = name.substring(0, slash);
            Entry e = c.entries.get(parent);
            if (e != null && e.sharing != null) {
                Version v = e.live();
                if (v != null && v.isDirectory()) {
                    return new Perm(account + "/" + c.name + "/" + parent, e.sharing);
                }
            }
            slash = parent.lastIndexOf('/');
        }
        return null;
    }

    boolean canRead(String user, String account, Container c, String name) {
        if (user.equals(account)) {
            return true;
        }
        Perm p = permission(account, c, name);
        return p != null && (matches(user, p.sharing().read()) || matches(user, p.sharing().write()));
    }

    boolean canWrite(String user, String account, Container c, String name) {
        if (user.equals(account)) {
            return true;
        }
        Perm p = permission(account, c, name);
        return p != null && matches(user, p.sharing().write());
    }

    /** {@code read} or {@code write}: what a non-owner is allowed, for {@code X-Object-Allowed-To}. */
    String allowedTo(String user, String account, Container c, String name) {
        return canWrite(user, account, c, name) ? "write" : "read";
    }

    private boolean matches(String user, List<String> items) {
        for (String item : items) {
            if (item.equals("*") || item.equals(user)) {
                return true;
            }
            int colon = item.indexOf(':');
            if (colon > 0) {
                Account owner = store.existingAccount(item.substring(0, colon)).orElse(null);
                List<String> members = owner == null ? null : owner.groups.get(item.substring(colon + 1));
                if (members != null && members.contains(user)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** True when some live object of the container is readable by {@code user}. */
    boolean containerVisible(String user, String account, Container c) {
        if (user.equals(account)) {
            return true;
        }
        for (Entry e : c.entries.values()) {
            if (e.live() != null && canRead(user, account, c, e.name)) {
                return true;
            }
        }
        return false;
    }

    boolean accountVisible(String user, Account a) {
        if (user.equals(a.uuid)) {
            return true;
        }
        for (Container c : a.containers.values()) {
            if (containerVisible(user, a.uuid, c)) {
                return true;
            }
        }
        return false;
    }
}
