package org.synnefo.reactive.cli;

/**
 * A {@code CONTAINER[/NAME]} argument. The name keeps any slashes (it is a path-like object name).
 *
 * @param container the container (never empty)
 * @param name the object name or prefix, empty when only the container was given
 */
record RemotePath(String container, String name) {

    static RemotePath parse(String arg) {
        String a = arg.startsWith("/") ? arg.substring(1) : arg;
        int slash = a.indexOf('/');
        String container = slash < 0 ? a : a.substring(0, slash);
        String name = slash < 0 ? "" : a.substring(slash + 1);
        if (container.isEmpty()) {
            throw CliException.usage("bad remote path '" + arg + "': expected CONTAINER or CONTAINER/NAME");
        }
        return new RemotePath(container, name);
    }

    boolean hasName() {
        return !name.isEmpty();
    }

    /** @return the name without trailing slashes */
    String trimmedName() {
        String n = name;
        while (n.endsWith("/")) {
            n = n.substring(0, n.length() - 1);
        }
        return n;
    }

    /** @return the listing prefix of the "directory" this name stands for: {@code name/}, or empty */
    String directoryPrefix() {
        String n = trimmedName();
        return n.isEmpty() ? "" : n + "/";
    }

    @Override
    public String toString() {
        return name.isEmpty() ? container : container + "/" + name;
    }
}
