package io.cnnhomework.grader.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnhomework.grader.Fixtures;
import io.cnnhomework.grader.submission.CompilationException;
import io.cnnhomework.grader.submission.SourceTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compiler process: warm javac reused between submissions; sources on which javac runs for
 * minutes or exhausts its heap are a compile error of their submission within the limit, and the
 * next submission gets a fresh process.
 */
class CompilerProcessTest {

    @TempDir
    Path tmp;

    private Path explodes() {
        Fixtures.Mutation javac = Fixtures.attacks().stream().filter(a -> a.name().equals("javac-explodes")).findFirst().orElseThrow();
        return javac.materialise(tmp.resolve("explodes"));
    }

    @Test
    void compilesSubmissionsOneAfterAnotherInOneWarmProcess() throws Exception {
        try (CompilerProcess compiler = new CompilerProcess(256, Duration.ofSeconds(60))) {
            compiler.compile(SourceTree.of(Fixtures.KNOWN_GOOD), tmp.resolve("a"));
            compiler.compile(SourceTree.of(Fixtures.KNOWN_GOOD), tmp.resolve("b"));

            assertEquals(1, compiler.starts());
            assertTrue(Files.isRegularFile(tmp.resolve("b/homework/Conv.class")));
        }
    }

    @Test
    void sourcesThatDoNotCompileGiveTheCompilersMessages() {
        Path broken = Fixtures.knownBad().stream().filter(m -> m.name().equals("does-not-compile")).findFirst().orElseThrow()
                .materialise(tmp.resolve("broken"));
        try (CompilerProcess compiler = new CompilerProcess(256, Duration.ofSeconds(60))) {
            CompilationException e = assertThrows(CompilationException.class,
                    () -> compiler.compile(SourceTree.of(broken), tmp.resolve("classes")));

            assertTrue(e.getMessage().startsWith("does not compile: "), e.getMessage());
            assertTrue(e.diagnostics().get(0).startsWith("homework/"), e.diagnostics().toString());
        }
    }

    @Test
    void compilationPastTheLimitIsStoppedAndTheNextGetsAFreshProcess() {
        try (CompilerProcess compiler = new CompilerProcess(1024, Duration.ofSeconds(5))) {
            long start = System.nanoTime();
            CompilationException e = assertThrows(CompilationException.class,
                    () -> compiler.compile(SourceTree.of(explodes()), tmp.resolve("slow")));
            double seconds = (System.nanoTime() - start) / 1e9;

            assertEquals("compilation took longer than 5 s", e.getMessage());
            assertEquals(List.of("compilation took longer than 5 s"), e.diagnostics());
            assertTrue(seconds < CompilerProcess.wallClockBackstop(Duration.ofSeconds(5)).toSeconds(), seconds + " s");
            compiler.compile(SourceTree.of(Fixtures.KNOWN_GOOD), tmp.resolve("next"));
            assertEquals(2, compiler.starts());
        }
    }

    @Test
    void compilationThatExhaustsTheHeapIsACompileError() throws Exception {
        // 1.6 MB of source: an array initialiser of 400,000 expressions, far more tree than 48 MB hold
        Path big = Files.createDirectories(tmp.resolve("big/homework")).resolve("Big.java");
        Files.writeString(big, "package homework;\n\nfinal class Big {\n    static final int[] A = {"
                + String.join(",", Collections.nCopies(400_000, "1+1")) + "};\n}\n");
        try (CompilerProcess compiler = new CompilerProcess(48, Duration.ofMinutes(3))) {
            CompilationException e = assertThrows(CompilationException.class,
                    () -> compiler.compile(SourceTree.of(tmp.resolve("big")), tmp.resolve("classes")));

            assertEquals("compilation ran out of memory (limit 48 MB)", e.getMessage());
        }
    }
}
