package org.synnefo.reactive.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher script {@code snf}: its class-data-sharing archive is written by the first transfer and
 * mapped by later runs, and nothing about it (missing, truncated, garbage, unwritable cache) changes what
 * a run prints or returns. Runs the real script on a stand-in jar whose main prints its arguments, its
 * JVM options and the archives mapped into the process, and exits with {@code $EXIT}.
 */
class LauncherTest {

    private static final Path LAUNCHER = Path.of("snf").toAbsolutePath();

    @TempDir
    static Path shared;

    private static Path jar;

    @TempDir
    Path tmp;

    private record Run(int code, String out, String err) {
        List<String> mapped() {
            return out.lines().filter(l -> l.startsWith("mapped=")).map(l -> l.substring(7)).toList();
        }

        String jvm() {
            return out.lines().filter(l -> l.startsWith("jvm=")).findFirst().orElse("");
        }
    }

    @BeforeAll
    static void standInJar() throws IOException {
        assumeTrue(System.getProperty("os.name").startsWith("Linux") && Files.isExecutable(Path.of("/bin/bash")),
                "the launcher is a bash script; /proc/self/maps shows the mapped archive");
        Path src = shared.resolve("src/Main.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, """
                import java.nio.file.*;
                public class Main {
                    public static void main(String[] a) throws Exception {
                        Class.forName("Old");
                        System.out.println("args=" + String.join(" ", a));
                        System.out.println("jvm=" + String.join(" ",
                                java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()));
                        String cache = System.getenv("SNF_CACHE_DIR");
                        Files.readAllLines(Path.of("/proc/self/maps")).stream()
                                .filter(l -> cache != null && l.contains(cache)).map(l -> l.substring(l.indexOf('/')))
                                .distinct().forEach(p -> System.out.println("mapped=" + p));
                        System.exit(Integer.parseInt(System.getenv().getOrDefault("EXIT", "0")));
                    }
                }
                """);
        // a class file of Java 5 (like picocli's): the JVM cannot archive it and, writing the archive, warns
        // about it on stdout unless told otherwise
        Path old = shared.resolve("src/Old.java");
        Files.writeString(old, "public class Old {}\n");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assumeTrue(javac != null, "needs a JDK");
        Path classes = shared.resolve("classes");
        assertThat(javac.run(null, null, null, "-d", classes.toString(), src.toString())).isZero();
        assertThat(javac.run(null, null, null, "--release", "7", "-d", classes.toString(), old.toString())).isZero();
        byte[] oldClass = Files.readAllBytes(classes.resolve("Old.class"));
        oldClass[6] = 0;
        oldClass[7] = 49;
        jar = shared.resolve("stand-in.jar");
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "Main");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), m)) {
            out.putNextEntry(new JarEntry("Main.class"));
            out.write(Files.readAllBytes(classes.resolve("Main.class")));
            out.closeEntry();
            out.putNextEntry(new JarEntry("Old.class"));
            out.write(oldClass);
            out.closeEntry();
        }
    }

    private Run run(Path cache, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("/bin/bash", LAUNCHER.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> e = pb.environment();
        e.remove("SNF_JAVA_OPTS");
        e.remove("SNF_CDS");
        e.put("JAVA", ProcessHandle.current().info().command().orElse("java"));
        e.put("SNF_JAR", jar.toString());
        e.put("SNF_CACHE_DIR", cache.toString());
        e.putAll(env);
        Path err = Files.createTempFile(tmp, "err", ".txt");
        pb.redirectError(err.toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), Files.readString(err));
    }

    private static List<Path> archives(Path cache) throws IOException {
        if (!Files.isDirectory(cache)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(cache)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".jsa")).sorted().toList();
        }
    }

    @Test
    void theFirstTransferWritesTheArchiveAndLaterRunsMapIt() throws Exception {
        Path cache = tmp.resolve("cache");
        Run first = run(cache, Map.of(), "upload", "a", "b");
        assertThat(first.code()).as(first.toString()).isZero();
        assertThat(first.out()).as("nothing but the program's own output").startsWith("args=upload a b\njvm=");
        assertThat(first.err()).as(first.toString()).isEmpty();
        assertThat(first.mapped()).isEmpty();
        List<Path> written = archives(cache);
        assertThat(written).hasSize(1);
        Path archive = written.get(0);
        assertThat(Files.readString(Path.of(archive + ".size")).trim()).isEqualTo(Long.toString(Files.size(archive)));
        try (Stream<Path> s = Files.list(cache)) {
            assertThat(s.filter(p -> p.getFileName().toString().startsWith("."))).as("no temporary left").isEmpty();
        }

        Run second = run(cache, Map.of(), "list", "c");
        assertThat(second.code()).isZero();
        assertThat(second.err()).isEmpty();
        assertThat(second.out()).startsWith("args=list c\n");
        assertThat(second.mapped()).as(second.toString()).containsExactly(archive.toString());
        assertThat(second.jvm()).contains("-XX:SharedArchiveFile=" + archive).contains("-XX:TieredStopAtLevel=1");
        // only the run that writes the archive is asked to load what later runs of its kind need
        assertThat(first.jvm()).contains("-Dsnf.cds.training=true");
        assertThat(second.jvm()).doesNotContain("snf.cds.training");

        // a download writes an archive of its own and maps it; the upload keeps mapping its one
        assertThat(archive.getFileName().toString()).endsWith("-upload.jsa");
        Run firstDown = run(cache, Map.of(), "download", "c/o", "x");
        assertThat(firstDown.code()).isZero();
        assertThat(firstDown.mapped()).isEmpty();
        assertThat(archives(cache)).hasSize(2);
        Path downArchive = archives(cache).stream().filter(p -> p.toString().endsWith("-download.jsa")).findFirst()
                .orElseThrow();
        assertThat(run(cache, Map.of(), "download", "c/o", "y").mapped()).containsExactly(downArchive.toString());
        assertThat(run(cache, Map.of(), "upload", "a", "b").mapped()).containsExactly(archive.toString());

        // a directory transfer writes one of its own (listing, JSON codec, walker: classes a single file's
        // run never loads) and maps it; the other commands then prefer it, for its listing classes
        Run firstTree = run(cache, Map.of(), "upload", "-r", "d", "c/p");
        assertThat(firstTree.code()).isZero();
        assertThat(firstTree.mapped()).isEmpty();
        Path treeArchive = archives(cache).stream().filter(p -> p.toString().endsWith("-upload-r.jsa")).findFirst()
                .orElseThrow();
        assertThat(archives(cache)).hasSize(3);
        assertThat(run(cache, Map.of(), "upload", "-qr", "d", "c/p").mapped()).containsExactly(treeArchive.toString());
        assertThat(run(cache, Map.of(), "upload", "a", "b").mapped()).containsExactly(archive.toString());
        assertThat(run(cache, Map.of(), "list", "c").mapped()).containsExactly(treeArchive.toString());

        // help and version are picocli's, which no archive holds: not mapped
        assertThat(run(cache, Map.of(), "upload", "--help").mapped()).isEmpty();
        assertThat(run(cache, Map.of()).mapped()).isEmpty();
    }

    @Test
    void onlyATransferWritesAnArchive() throws Exception {
        Path cache = tmp.resolve("cache");
        assertThat(run(cache, Map.of(), "list").code()).isZero();
        assertThat(run(cache, Map.of(), "upload", "--help").code()).isZero();
        assertThat(run(cache, Map.of(), "--version").code()).isZero();
        assertThat(archives(cache)).isEmpty();
    }

    @Test
    void aFailedRunKeepsItsExitCodeAndWritesNoArchive() throws Exception {
        Path cache = tmp.resolve("cache");
        Run r = run(cache, Map.of("EXIT", "3"), "download", "x", "y");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.out()).startsWith("args=download x y\n");
        assertThat(archives(cache)).isEmpty();
    }

    @Test
    void aTruncatedArchiveIsNeverMappedAndIsRewritten() throws Exception {
        Path cache = tmp.resolve("cache");
        assertThat(run(cache, Map.of(), "upload", "a", "b").code()).isZero();
        Path archive = archives(cache).get(0);
        long size = Files.size(archive);
        // a truncated archive crashes the JVM (SIGBUS) if mapped: the recorded size must keep it out
        byte[] head = Files.readAllBytes(archive);
        Files.delete(archive);
        Files.write(archive, java.util.Arrays.copyOf(head, head.length / 2));

        Run list = run(cache, Map.of(), "list");
        assertThat(list.code()).as(list.toString()).isZero();
        assertThat(list.err()).isEmpty();
        assertThat(list.mapped()).isEmpty();

        Run again = run(cache, Map.of(), "upload", "a", "b");
        assertThat(again.code()).as(again.toString()).isZero();
        assertThat(again.out()).startsWith("args=upload a b\n");
        assertThat(Files.size(archive)).as("rewritten whole").isEqualTo(size);
        assertThat(run(cache, Map.of(), "list").mapped()).containsExactly(archive.toString());
    }

    @Test
    void aGarbageArchiveOfTheRecordedSizeIsIgnoredByTheJvm() throws Exception {
        Path cache = tmp.resolve("cache");
        assertThat(run(cache, Map.of(), "upload", "a", "b").code()).isZero();
        Path archive = archives(cache).get(0);
        byte[] junk = new byte[(int) Files.size(archive)];
        java.util.Arrays.fill(junk, (byte) 0x5a);
        Files.delete(archive);
        Files.write(archive, junk);
        Run r = run(cache, Map.of(), "list", "x");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).as("no CDS warning on stdout").startsWith("args=list x\njvm=");
        assertThat(r.err()).as("nor on stderr").isEmpty();
    }

    @Test
    void anUnusableCacheDirectoryOnlyMeansNoArchive() throws Exception {
        Path notADir = tmp.resolve("file");
        Files.writeString(notADir, "x");
        Run r = run(notADir.resolve("cache"), Map.of(), "upload", "a", "b");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("args=upload a b\n");
        assertThat(r.err()).isEmpty();
        assertThat(r.jvm()).doesNotContain("SharedArchiveFile").doesNotContain("ArchiveClassesAtExit");
    }

    @Test
    void cdsCanBeTurnedOffAndOptionsReplaced() throws Exception {
        Path cache = tmp.resolve("cache");
        Run off = run(cache, Map.of("SNF_CDS", "0"), "upload", "a", "b");
        assertThat(off.code()).isZero();
        assertThat(off.jvm()).doesNotContain("ArchiveClassesAtExit");
        assertThat(archives(cache)).isEmpty();

        Run own = run(cache, Map.of("SNF_CDS", "0", "SNF_JAVA_OPTS", "-Xmx99m"), "upload", "-r", "a", "b");
        assertThat(own.jvm()).contains("-Xmx99m").doesNotContain("TieredStopAtLevel")
                .doesNotContain("CompileThresholdScaling");
    }

    @Test
    void directoryTransfersCompileEarlier() throws Exception {
        Map<String, String> off = Map.of("SNF_CDS", "0");
        Path cache = tmp.resolve("cache");
        assertThat(run(cache, off, "upload", "-r", "a", "b").jvm()).contains("-XX:CompileThresholdScaling=");
        assertThat(run(cache, off, "download", "-qr", "a", "b").jvm()).contains("-XX:CompileThresholdScaling=");
        assertThat(run(cache, off, "download", "--recursive", "a", "b").jvm())
                .contains("-XX:CompileThresholdScaling=");
        assertThat(run(cache, off, "upload", "a", "b").jvm()).doesNotContain("CompileThresholdScaling");
        assertThat(run(cache, off, "list", "-r").jvm()).doesNotContain("CompileThresholdScaling");
    }

    @Test
    void everyCommandStaysOnC1AndThePrintedOptionsAreTheOnesUsed() throws Exception {
        Map<String, String> off = Map.of("SNF_CDS", "0");
        Path cache = tmp.resolve("cache");
        Path large = tmp.resolve("large.bin");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(large.toFile(), "rw")) {
            f.setLength(64L << 20); // sparse: only its size counts
        }
        assertThat(level(run(cache, off, "upload", large.toString(), "c/o").jvm())).isEqualTo(1);
        assertThat(level(run(cache, off, "download", "c/o", "x").jvm())).isEqualTo(1);
        assertThat(level(run(cache, off, "download", "-r", "c/o", "x").jvm())).isEqualTo(1);
        assertThat(level(run(cache, off, "info", "c/o").jvm())).isEqualTo(1);
        // what a benchmark reads to give another JVM tool the same settings, without running anything
        Run print = run(cache, Map.of("SNF_PRINT_JVM_OPTS", "1"), "download", "-r", "c/o", "x");
        assertThat(print.code()).isZero();
        assertThat(print.out().lines().toList()).hasSize(1);
        assertThat(print.out()).contains("-XX:TieredStopAtLevel=1").contains("-XX:CompileThresholdScaling=")
                .doesNotContain("args=").doesNotContain("SharedArchiveFile");
        assertThat(archives(cache)).isEmpty();
    }

    /** The compiler level the JVM gets: the last -XX:TieredStopAtLevel wins. */
    private static int level(String jvm) {
        int at = jvm.lastIndexOf("-XX:TieredStopAtLevel=");
        return at < 0 ? 4 : Character.digit(jvm.charAt(at + "-XX:TieredStopAtLevel=".length()), 10);
    }

}
