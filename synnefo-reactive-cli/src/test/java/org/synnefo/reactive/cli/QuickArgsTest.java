package org.synnefo.reactive.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The picocli-free parser of everyday command lines reads them exactly as picocli does, or not at all. */
class QuickArgsTest {

    static final List<List<String>> VALID = List.of(
            List.of("upload", "a", "c/x"),
            List.of("upload", "-q", "-c", "8", "-j", "4", "-b", "64M", "a", "c/x", "--swift-auth", "http://h/auth/v1.0",
                    "--swift-user", "acc:user", "--swift-key", "k"),
            List.of("upload", "-qr", "dir", "c/"),
            List.of("upload", "-rq", "--debug", "dir", "c/p/"),
            List.of("upload", "--concurrency=3", "--jobs=2", "--block-size=1G", "--quiet", "--recursive", "a", "c"),
            List.of("upload", "-c3", "-j2", "-b512K", "a", "c"),
            List.of("upload", "a", "c", "--token=abc=def", "--auth-url=http://x/identity/v2.0"),
            List.of("download", "-r", "c/p", "out"),
            List.of("download", "c/x y", "out dir", "--token", "t", "--auth-url", "http://a"),
            List.of("download", "-c", "16", "c/x", "o", "-b", "1048576"),
            List.of("rm", "-r", "c/p"),
            List.of("delete", "c/x"),
            List.of("stat"),
            List.of("stat", "c"),
            List.of("info", "c/x", "-q"),
            List.of("ls"),
            List.of("ls", "-l", "-d", "c/p"),
            List.of("list", "--long", "--directories", "c"),
            List.of("list", "-ld", "c"));

    static final List<List<String>> FOR_PICOCLI = List.of(
            List.of(),
            List.of("--help"),
            List.of("-h"),
            List.of("--version"),
            List.of("frobnicate"),
            List.of("upload", "--help"),
            List.of("upload", "-h", "a", "b"),
            List.of("upload", "-qh", "a", "b"),
            List.of("upload", "a"),
            List.of("upload", "a", "b", "c"),
            List.of("info", "a", "b"),
            List.of("upload", "--bogus", "a", "b"),
            List.of("upload", "-x", "a", "b"),
            List.of("upload", "-c", "x", "a", "b"),
            List.of("upload", "-c", "010", "a", "b"),
            List.of("upload", "-c", "+8", "a", "b"),
            List.of("upload", "-b", "lots", "a", "b"),
            List.of("upload", "-q", "-q", "a", "b"),
            List.of("upload", "-c", "2", "--concurrency", "3", "a", "b"),
            List.of("upload", "--", "a", "b"),
            List.of("upload", "@args", "b"),
            List.of("upload", "-", "b"),
            List.of("upload", "-qc8", "a", "b"),
            List.of("upload", "-c=8", "a", "b"),
            List.of("upload", "--quiet=true", "a", "b"),
            List.of("upload", "a", "b", "-c"),
            List.of("upload", "--token", "-q", "a", "b"),
            List.of("upload", "--token=", "a", "b"),
            List.of("list", "-r"),
            List.of("info", "-l"),
            List.of("download", "-d", "a", "b"));

    @Test
    void everydayCommandLinesAreReadExactlyAsPicocliReadsThem() throws Exception {
        for (List<String> line : VALID) {
            String[] args = line.toArray(String[]::new);
            BaseCommand quick = QuickArgs.parse(args);
            assertThat(quick).as("quick parse of %s", line).isNotNull();
            assertThat(fields(quick)).as("%s", line).isEqualTo(fields(picocli(args)));
        }
    }

    @Test
    void everythingElseIsLeftToPicocli() {
        for (List<String> line : FOR_PICOCLI) {
            assertThat(QuickArgs.parse(line.toArray(String[]::new))).as("%s", line).isNull();
        }
    }

    @Test
    void picocliStillAnswersWhatTheQuickParserLeaves() {
        CliRunner snf = new CliRunner(Map.of(), false);
        assertThat(snf.run("upload", "-c", "x", "a", "b").err()).contains("Invalid value for option '--concurrency'");
        assertThat(snf.run("upload", "-q", "-q", "a", "b").err()).contains("should be specified only once");
        assertThat(snf.run("upload", "-c", "0", "a", "b").err()).contains("--concurrency must be between 1 and 256");
        assertThat(snf.run("upload", "--help").out()).contains("Usage: snf upload");
    }

    private static BaseCommand picocli(String[] args) throws Exception {
        BaseCommand cmd = CommandLine.defaultFactory().create(Snf.named(args[0]));
        new CommandLine(cmd).parseArgs(Arrays.copyOfRange(args, 1, args.length));
        return cmd;
    }

    /** Every option and argument field of the command and of its common options, by name. */
    private static Map<String, Object> fields(BaseCommand cmd) throws IllegalAccessException {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Class<?> c = cmd.getClass(); c != Object.class; c = c.getSuperclass()) {
            collect(c, cmd, m, "");
        }
        collect(CommonOptions.class, cmd.common, m, "common.");
        m.remove("common");
        m.remove("ctx");
        return m;
    }

    private static void collect(Class<?> c, Object o, Map<String, Object> m, String prefix)
            throws IllegalAccessException {
        for (Field f : c.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers())) {
                f.setAccessible(true);
                m.put(prefix + f.getName(), f.get(o));
            }
        }
    }
}
