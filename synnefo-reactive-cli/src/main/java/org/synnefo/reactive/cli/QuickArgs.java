package org.synnefo.reactive.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The everyday command lines ({@code upload -q -c 8 LOCAL CONTAINER/NAME}), parsed without picocli.
 *
 * <p>Why: picocli's classes are compiled for Java 5, which class-data sharing cannot archive, and building
 * its model reflects over the annotations; together about 90 ms of start-up and 0.1 CPU-second in every run
 * (measured with {@code -Xlog:class+load}: picocli's classes loaded from 0.056 s to 0.150 s of a 0.33 s
 * {@code snf info}), which a file-transfer tool run a thousand times from a script pays each time.
 *
 * <p>This parser only accepts what it can read exactly as picocli would and gives up on everything else:
 * help and version, an unknown, repeated or malformed option, a value that does not convert, a wrong
 * number of arguments, {@code --}, {@code @file} arguments, clusters other than of plain flags. Those
 * go to picocli, whose messages and help texts stay the only ones; a test compares both parsers on
 * valid command lines, field by field.
 */
final class QuickArgs {

    private QuickArgs() {
    }

    /**
     * @param args the command line
     * @return the command with its options and arguments set (context not yet), or null for picocli
     */
    static BaseCommand parse(String[] args) {
        if (args.length == 0) {
            return null;
        }
        BaseCommand cmd;
        int min;
        int max;
        switch (args[0]) {
            case "upload" -> {
                cmd = new UploadCommand();
                min = 2;
                max = 2;
            }
            case "download" -> {
                cmd = new DownloadCommand();
                min = 2;
                max = 2;
            }
            case "delete", "rm" -> {
                cmd = new DeleteCommand();
                min = 1;
                max = 1;
            }
            case "info", "stat" -> {
                cmd = new InfoCommand();
                min = 0;
                max = 1;
            }
            case "list", "ls" -> {
                cmd = new ListCommand();
                min = 0;
                max = 1;
            }
            default -> {
                return null;
            }
        }
        CommonOptions common = new CommonOptions();
        common.concurrency = 8;
        common.jobs = 4;
        cmd.common = common;
        Set<String> seen = new HashSet<>();
        List<String> positional = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (a.isEmpty() || a.equals("-") || a.charAt(0) == '@') {
                return null;
            }
            if (a.startsWith("--")) {
                int eq = a.indexOf('=');
                String name = eq > 0 ? a.substring(0, eq) : a;
                String option = canonical(cmd, name);
                if (option == null || !seen.add(option)) {
                    return null;
                }
                if (isFlag(option)) {
                    if (eq > 0 || !flag(cmd, option)) {
                        return null;
                    }
                } else {
                    String value;
                    if (eq > 0) {
                        value = a.substring(eq + 1);
                    } else if (i + 1 < args.length) {
                        value = args[++i];
                    } else {
                        return null;
                    }
                    if (!value(common, option, value)) {
                        return null;
                    }
                }
            } else if (a.length() > 1 && a.charAt(0) == '-') {
                String first = canonical(cmd, a.substring(0, 2));
                if (first == null) {
                    return null;
                }
                if (isFlag(first)) {
                    // -q, or a cluster of flags only (-qr)
                    for (int k = 1; k < a.length(); k++) {
                        String f = canonical(cmd, "-" + a.charAt(k));
                        if (f == null || !isFlag(f) || !seen.add(f) || !flag(cmd, f)) {
                            return null;
                        }
                    }
                } else {
                    // -c 8 or -c8
                    if (!seen.add(first)) {
                        return null;
                    }
                    String value;
                    if (a.length() > 2) {
                        value = a.substring(2);
                        if (value.charAt(0) == '=') {
                            return null;
                        }
                    } else if (i + 1 < args.length) {
                        value = args[++i];
                    } else {
                        return null;
                    }
                    if (!value(common, first, value)) {
                        return null;
                    }
                }
            } else {
                positional.add(a);
            }
        }
        if (positional.size() < min || positional.size() > max) {
            return null;
        }
        return positionals(cmd, positional) ? cmd : null;
    }

    /** The option's canonical name when this command has it, else null (help included: picocli's). */
    private static String canonical(BaseCommand cmd, String name) {
        String common = switch (name) {
            case "--auth-url" -> "auth-url";
            case "--token" -> "token";
            case "--swift-auth" -> "swift-auth";
            case "--swift-user" -> "swift-user";
            case "--swift-key" -> "swift-key";
            case "-c", "--concurrency" -> "concurrency";
            case "-j", "--jobs" -> "jobs";
            case "-b", "--block-size" -> "block-size";
            case "-q", "--quiet" -> "quiet";
            case "--debug" -> "debug";
            default -> null;
        };
        if (common != null) {
            return common;
        }
        boolean recursive = cmd instanceof UploadCommand || cmd instanceof DownloadCommand
                || cmd instanceof DeleteCommand;
        if (recursive && (name.equals("-r") || name.equals("--recursive"))) {
            return "recursive";
        }
        if (cmd instanceof ListCommand) {
            if (name.equals("-l") || name.equals("--long")) {
                return "long";
            }
            if (name.equals("-d") || name.equals("--directories")) {
                return "directories";
            }
        }
        return null;
    }

    private static boolean isFlag(String option) {
        return switch (option) {
            case "quiet", "debug", "recursive", "long", "directories" -> true;
            default -> false;
        };
    }

    private static boolean flag(BaseCommand cmd, String option) {
        switch (option) {
            case "quiet" -> cmd.common.quiet = true;
            case "debug" -> cmd.common.debug = true;
            case "recursive" -> {
                if (cmd instanceof UploadCommand u) {
                    u.recursive = true;
                } else if (cmd instanceof DownloadCommand d) {
                    d.recursive = true;
                } else if (cmd instanceof DeleteCommand d) {
                    d.recursive = true;
                } else {
                    return false;
                }
            }
            case "long" -> ((ListCommand) cmd).longFormat = true;
            case "directories" -> ((ListCommand) cmd).oneLevel = true;
            default -> {
                return false;
            }
        }
        return true;
    }

    private static boolean value(CommonOptions c, String option, String value) {
        if (value.isEmpty() || value.startsWith("-") || value.startsWith("@")) {
            return false;
        }
        try {
            switch (option) {
                case "auth-url" -> c.authUrl = value;
                case "token" -> c.token = value;
                case "swift-auth" -> c.swiftAuth = value;
                case "swift-user" -> c.swiftUser = value;
                case "swift-key" -> c.swiftKey = value;
                case "concurrency" -> c.concurrency = decimal(value);
                case "jobs" -> c.jobs = decimal(value);
                case "block-size" -> c.blockSize = Sizes.parse(value);
                default -> {
                    return false;
                }
            }
        } catch (IllegalArgumentException e) {
            // not a number, not a size: picocli words the complaint
            return false;
        }
        return true;
    }

    /** Plain decimal only: picocli reads other spellings (a sign, leading zeros) its own way. */
    private static int decimal(String value) {
        if (value.length() > 9 || value.charAt(0) == '0') {
            throw new NumberFormatException(value);
        }
        for (int k = 0; k < value.length(); k++) {
            if (value.charAt(k) < '0' || value.charAt(k) > '9') {
                throw new NumberFormatException(value);
            }
        }
        return Integer.parseInt(value);
    }

    private static boolean positionals(BaseCommand cmd, List<String> p) {
        try {
            if (cmd instanceof UploadCommand u) {
                u.local = Path.of(p.get(0));
                u.remote = p.get(1);
            } else if (cmd instanceof DownloadCommand d) {
                d.remote = p.get(0);
                d.local = Path.of(p.get(1));
            } else if (cmd instanceof DeleteCommand d) {
                d.remote = p.get(0);
            } else if (cmd instanceof InfoCommand i) {
                i.remote = p.isEmpty() ? null : p.get(0);
            } else if (cmd instanceof ListCommand l) {
                l.remote = p.isEmpty() ? null : p.get(0);
            } else {
                return false;
            }
        } catch (InvalidPathException e) {
            return false;
        }
        return true;
    }
}
