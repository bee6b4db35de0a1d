package io.cnnhomework.grader.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnhomework.grader.Fixtures;
import io.cnnhomework.grader.policy.BytecodePolicy.Violation;
import io.cnnhomework.grader.submission.SubmissionCompiler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

class BytecodePolicyTest {

    private static final Path REFERENCE = Path.of("src/test/resources/submissions/reference");
    private static final Path TEMPLATE = Path.of("../student-template/src/main/java");

    @TempDir
    Path tmp;

    // ---- known-good code passes ----

    @Test
    void referenceSubmissionHasNoViolations() throws IOException {
        assertEquals(List.of(), BytecodePolicy.check(compile(REFERENCE)));
    }

    @Test
    void correctSubmissionsThatRoundDifferentlyHaveNoViolations() throws IOException {
        for (String name : List.of("float64", "float32-reordered")) {
            Path classes = tmp.resolve(name);
            new SubmissionCompiler().compile(Fixtures.ROUNDING.resolve(name), classes).close();
            assertEquals(List.of(), BytecodePolicy.check(classes), name);
        }
    }

    @Test
    void untouchedTemplateHasNoViolations() throws IOException {
        assertEquals(List.of(), BytecodePolicy.check(compile(TEMPLATE)));
    }

    @Test
    void recordsEnumsAndSwitchesPass() throws IOException {
        assertPasses("""
                package homework;
                import java.util.List;
                public class Everyday {
                    record Shape(int rows, int cols) { }
                    enum Mode { TRAIN, EVAL }
                    static int code(String s, Mode m) {
                        int base = switch (s) { case "conv" -> 1; case "fc" -> 2; default -> 0; };
                        switch (m) { case TRAIN: return base; default: return -base; }
                    }
                    static String all() {
                        Shape shape = new Shape(2, 3);
                        return shape + " " + shape.equals(new Shape(2, 3)) + shape.hashCode() + Mode.valueOf("EVAL")
                                + List.of(Mode.values()) + code("fc", Mode.TRAIN);
                    }
                }
                """);
    }

    @Test
    void lambdasMethodReferencesAndAnonymousClassesPass() throws IOException {
        assertPasses("""
                package homework;
                import java.util.Comparator;
                import java.util.function.DoubleBinaryOperator;
                import java.util.function.Function;
                import java.util.function.Supplier;
                public class Everyday {
                    static double all(double[] xs) {
                        DoubleBinaryOperator max = Math::max;
                        Function<String, Integer> length = String::length;
                        Supplier<StringBuilder> builder = StringBuilder::new;
                        Comparator<String> byLength = new Comparator<>() {
                            @Override public int compare(String a, String b) { return Integer.compare(a.length(), b.length()); }
                        };
                        Runnable r = () -> System.out.println(xs.length);
                        r.run();
                        return max.applyAsDouble(xs[0], length.apply("ab")) + builder.get().length() + byLength.compare("a", "b");
                    }
                }
                """);
    }

    @Test
    void printingTimingAndArrayCopiesPass() throws IOException {
        assertPasses("""
                package homework;
                public class Everyday {
                    static float[] all(float[] xs, int epoch, double loss) {
                        long start = System.nanoTime() + System.currentTimeMillis();
                        System.out.println("epoch " + epoch + ": loss " + loss);
                        System.out.printf("%d %.6f%n", epoch, loss);
                        System.err.println(String.format("took %d ns", System.nanoTime() - start));
                        float[] copy = new float[xs.length];
                        System.arraycopy(xs, 0, copy, 0, xs.length);
                        float[][] grid = new float[2][3];
                        grid[0] = copy.clone();
                        return grid[0];
                    }
                }
                """);
    }

    @Test
    void tryWithResourcesAndExceptionsPass() throws IOException {
        assertPasses("""
                package homework;
                public class Everyday {
                    static final class Timer implements AutoCloseable {
                        @Override public void close() { System.out.println("done"); }
                    }
                    static int all(String s) {
                        assert s != null;
                        try (Timer t = new Timer()) {
                            return Integer.parseInt(s);
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("not a number: " + s, e);
                        } finally {
                            System.out.println("finally");
                        }
                    }
                    static void fail(Object o) {
                        if (o instanceof String text && text.isEmpty()) {
                            throw new IllegalStateException(o.getClass().getSimpleName());
                        }
                        throw new UnsupportedOperationException("Conv.forward: todo");
                    }
                }
                """);
    }

    @Test
    void sequentialStreamsCollectionsAndMathPass() throws IOException {
        assertPasses("""
                package homework;
                import java.math.BigDecimal;
                import java.util.ArrayList;
                import java.util.Arrays;
                import java.util.HashMap;
                import java.util.List;
                import java.util.Map;
                import java.util.Objects;
                import java.util.Random;
                import java.util.stream.Collectors;
                import java.util.stream.IntStream;
                public class Everyday {
                    static String all(List<Integer> xs) {
                        Map<String, Double> m = new HashMap<>();
                        List<Integer> copy = new ArrayList<>(xs);
                        Arrays.sort(new int[] {3, 1, 2});
                        m.put("sum", xs.stream().mapToDouble(Integer::doubleValue).map(Math::exp).sum());
                        m.put("max", (double) IntStream.range(0, 10).map(i -> i * i).max().orElse(0));
                        m.put("rnd", new Random(42).nextGaussian() + Math.sqrt(Math.abs(-4.0)) + Math.log(Math.E));
                        m.forEach((k, v) -> System.out.println(k + "=" + v));
                        return Objects.requireNonNull(copy).stream().map(String::valueOf).collect(Collectors.joining(","))
                                + new BigDecimal("1.5");
                    }
                }
                """);
    }

    @Test
    void serializableLambdaPasses() throws IOException {
        assertPasses("""
                package homework;
                import java.io.Serializable;
                public class Everyday {
                    static Runnable all() {
                        return (Runnable & Serializable) () -> System.out.println("saved");
                    }
                }
                """);
    }

    // ---- exit ----

    @Test
    void systemExitIsReportedWithTheMethodItIsIn() throws IOException {
        List<Violation> violations = check("""
                package homework;
                public class Evil {
                    void run() { System.exit(0); }
                }
                """);

        assertEquals(List.of(new Violation("homework.Evil", "run()V", "java/lang/System.exit(I)V", "exit")), violations);
        assertEquals("homework.Evil.run calls java.lang.System.exit(int): ends the JVM", violations.get(0).describe());
    }

    @Test
    void runtimeHaltIsReportedAsExit() throws IOException {
        assertEquals(List.of(
                new Violation("homework.Evil", "run()V", "java/lang/Runtime.getRuntime()Ljava/lang/Runtime;", "exit"),
                new Violation("homework.Evil", "run()V", "java/lang/Runtime.halt(I)V", "exit")),
                check("""
                        package homework;
                        public class Evil {
                            void run() { Runtime.getRuntime().halt(0); }
                        }
                        """));
    }

    @Test
    void systemExitThroughAMethodReferenceIsCaught() throws IOException {
        List<Violation> violations = check("""
                package homework;
                import java.util.function.IntConsumer;
                public class Evil {
                    void run() { IntConsumer c = System::exit; c.accept(0); }
                }
                """);

        assertEquals(List.of(new Violation("homework.Evil", "run()V", "java/lang/System.exit(I)V", "exit")), violations);
    }

    @Test
    void readingTheEnvironmentIsReported() throws IOException {
        List<Violation> violations = check("""
                package homework;
                public class Evil {
                    String run() { return System.getenv("HOME"); }
                }
                """);

        assertEquals(List.of(new Violation("homework.Evil", "run()Ljava/lang/String;", "java/lang/System.getenv(Ljava/lang/String;)Ljava/lang/String;", "exit")),
                violations);
        assertEquals("homework.Evil.run calls java.lang.System.getenv(java.lang.String): reads the environment", violations.get(0).describe());
    }

    @Test
    void replacingStandardOutputIsReported() throws IOException {
        List<Violation> violations = check("""
                package homework;
                public class Evil {
                    void run() { System.setOut(System.err); }
                }
                """);

        assertEquals(List.of(new Violation("homework.Evil", "run()V", "java/lang/System.setOut(Ljava/io/PrintStream;)V", "exit")), violations);
        assertEquals("homework.Evil.run calls java.lang.System.setOut(java.io.PrintStream): replaces a standard stream",
                violations.get(0).describe());
    }

    @Test
    void readingStandardInputAndSystemPropertiesIsReported() throws IOException {
        assertEquals(List.of(
                new Violation("homework.Evil", "run()I", "java/lang/Integer.getInteger(Ljava/lang/String;)Ljava/lang/Integer;", "exit"),
                new Violation("homework.Evil", "run()I", "java/lang/System.in", "exit")),
                check("""
                        package homework;
                        public class Evil {
                            int run() { return System.in.hashCode() + Integer.getInteger("grader.seed"); }
                        }
                        """));
    }

    // ---- threads ----

    @Test
    void startingAThreadIsReported() throws IOException {
        assertEquals(List.of(
                new Violation("homework.Evil", "run()V", "java/lang/Thread.<init>(Ljava/lang/Runnable;)V", "threads"),
                new Violation("homework.Evil", "run()V", "java/lang/Thread.start()V", "threads")),
                check("""
                        package homework;
                        public class Evil {
                            void run() { new Thread(() -> System.out.println("hi")).start(); }
                        }
                        """));
    }

    @Test
    void executorsAreReported() throws IOException {
        assertEquals(Set.of("threads"), rules(check("""
                package homework;
                import java.util.concurrent.ExecutorService;
                import java.util.concurrent.Executors;
                public class Evil {
                    void run() { ExecutorService pool = Executors.newFixedThreadPool(2); pool.submit(() -> 1); pool.shutdown(); }
                }
                """)));
    }

    @Test
    void parallelStreamsAreReported() throws IOException {
        assertEquals(List.of(
                new Violation("homework.Evil", "run(Ljava/util/List;)I", "java/util/List.parallelStream()Ljava/util/stream/Stream;", "threads"),
                new Violation("homework.Evil", "run(Ljava/util/List;)I", "java/util/stream/IntStream.parallel()Ljava/util/stream/IntStream;", "threads")),
                check("""
                        package homework;
                        import java.util.List;
                        import java.util.stream.IntStream;
                        public class Evil {
                            int run(List<Integer> xs) { return (int) xs.parallelStream().count() + IntStream.range(0, 9).parallel().sum(); }
                        }
                        """));
    }

    @Test
    void parallelStreamInheritedThroughASubmissionClassIsReported() throws IOException {
        assertEquals(List.of(new Violation("homework.Evil", "run()J", "homework/Evil$Batch.parallelStream()Ljava/util/stream/Stream;", "threads")),
                check("""
                        package homework;
                        import java.util.ArrayList;
                        public class Evil {
                            static class Batch extends ArrayList<Integer> { }
                            long run() { return new Batch().parallelStream().count(); }
                        }
                        """));
    }

    @Test
    void declaringFinalizeIsReportedAsThreads() throws IOException {
        List<Violation> violations = check("""
                package homework;
                public class Evil {
                    @SuppressWarnings("removal") @Override protected void finalize() { System.out.println("late"); }
                }
                """);

        assertEquals(List.of(new Violation("homework.Evil", "finalize()V", "homework/Evil.finalize()V", "threads")), violations);
        assertEquals("homework.Evil declares method finalize(): runs code on other threads", violations.get(0).describe());
    }

    // ---- filesystem, network, process ----

    @Test
    void readingReferenceDataWithFilesIsReported() throws IOException {
        List<Violation> violations = check("""
                package homework;
                import java.nio.file.Files;
                import java.nio.file.Path;
                public class Evil {
                    String run() throws java.io.IOException { return Files.readString(Path.of("reference-data/task1/loss.csv")); }
                }
                """);

        assertEquals(List.of(
                new Violation("homework.Evil", "run()Ljava/lang/String;", "java/nio/file/Files.readString(Ljava/nio/file/Path;)Ljava/lang/String;", "filesystem"),
                new Violation("homework.Evil", "run()Ljava/lang/String;", "java/nio/file/Path.of(Ljava/lang/String;[Ljava/lang/String;)Ljava/nio/file/Path;", "filesystem")),
                violations);
        assertEquals("homework.Evil.run calls java.nio.file.Files.readString(java.nio.file.Path): reaches the file system",
                violations.get(0).describe());
    }

    @Test
    void javaIoFileIsReportedOncePerMethod() throws IOException {
        List<Violation> violations = check("""
                package homework;
                import java.io.File;
                public class Evil {
                    boolean run() { return new File("reference-data").exists() && new File("grader").exists(); }
                }
                """);

        assertEquals(List.of(
                new Violation("homework.Evil", "run()Z", "java/io/File.<init>(Ljava/lang/String;)V", "filesystem"),
                new Violation("homework.Evil", "run()Z", "java/io/File.exists()Z", "filesystem")),
                violations);
        assertEquals("homework.Evil.run calls new java.io.File(java.lang.String): reaches the file system", violations.get(0).describe());
    }

    @Test
    void openingAPrintStreamOnAFileIsReported() throws IOException {
        assertEquals(List.of(new Violation("homework.Evil", "run()V", "java/io/PrintStream.<init>(Ljava/lang/String;)V", "filesystem")),
                check("""
                        package homework;
                        import java.io.PrintStream;
                        public class Evil {
                            void run() throws java.io.IOException { new PrintStream("answers.txt").println(42); }
                        }
                        """));
    }

    @Test
    void socketsAreReportedAsNetwork() throws IOException {
        assertEquals(List.of(new Violation("homework.Evil", "run()V", "java/net/Socket.<init>(Ljava/lang/String;I)V", "network")),
                check("""
                        package homework;
                        public class Evil {
                            void run() throws java.io.IOException { new java.net.Socket("localhost", 80); }
                        }
                        """));
    }

    @Test
    void processBuilderIsReportedAsProcess() throws IOException {
        assertEquals(Set.of("process"), rules(check("""
                package homework;
                public class Evil {
                    void run() throws java.io.IOException { new ProcessBuilder("ls").start(); }
                }
                """)));
    }

    @Test
    void runtimeExecIsReportedAsProcess() throws IOException {
        assertEquals(List.of(
                new Violation("homework.Evil", "run()V", "java/lang/Runtime.exec(Ljava/lang/String;)Ljava/lang/Process;", "process"),
                new Violation("homework.Evil", "run()V", "java/lang/Runtime.getRuntime()Ljava/lang/Runtime;", "exit")),
                check("""
                        package homework;
                        public class Evil {
                            @SuppressWarnings("deprecation") void run() throws java.io.IOException { Runtime.getRuntime().exec("ls"); }
                        }
                        """));
    }

    // ---- reflection, class loading ----

    @Test
    void classForNameIsReportedAsReflection() throws IOException {
        assertEquals(List.of(new Violation("homework.Evil", "run()Ljava/lang/Object;",
                        "java/lang/Class.forName(Ljava/lang/String;)Ljava/lang/Class;", "reflection")),
                check("""
                        package homework;
                        public class Evil {
                            Object run() throws Exception { return Class.forName("io.cnnhomework.grader.cli.GraderCli"); }
                        }
                        """));
    }

    @Test
    void getDeclaredMethodsIsReportedAsReflection() throws IOException {
        assertEquals(List.of(
                new Violation("homework.Evil", "run()I", "java/lang/Class.getDeclaredMethods()[Ljava/lang/reflect/Method;", "reflection")),
                check("""
                        package homework;
                        public class Evil {
                            int run() { return getClass().getDeclaredMethods().length; }
                        }
                        """));
    }

    @Test
    void explicitMethodHandlesAreReportedAsReflection() throws IOException {
        assertEquals(List.of(new Violation("homework.Evil", "run()Ljava/lang/Object;",
                        "java/lang/invoke/MethodHandles.lookup()Ljava/lang/invoke/MethodHandles$Lookup;", "reflection")),
                check("""
                        package homework;
                        import java.lang.invoke.MethodHandles;
                        public class Evil {
                            Object run() { return MethodHandles.lookup(); }
                        }
                        """));
    }

    @Test
    void aHandMadeInvokedynamicBootstrapIsReportedAsReflection() throws IOException {
        Handle bootstrap = new Handle(Opcodes.H_INVOKESTATIC, "homework/Evil", "bootstrap",
                "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;)Ljava/lang/invoke/CallSite;", false);
        writeClass("homework/Evil", mv -> {
            mv.visitInvokeDynamicInsn("run", "()V", bootstrap);
            mv.visitInsn(Opcodes.RETURN);
        });

        assertEquals(List.of(new Violation("homework.Evil", "run()V", "homework/Evil.bootstrap" + bootstrap.getDesc(), "reflection")),
                BytecodePolicy.check(tmp.resolve("classes")));
    }

    @Test
    void aMethodHandleConstantIsReportedAsReflection() throws IOException {
        writeClass("homework/Evil", mv -> {
            mv.visitLdcInsn(new Handle(Opcodes.H_INVOKESTATIC, "java/lang/System", "exit", "(I)V", false));
            mv.visitInsn(Opcodes.POP);
            mv.visitInsn(Opcodes.RETURN);
        });

        assertEquals(List.of(
                new Violation("homework.Evil", "run()V", "java/lang/System.exit(I)V", "exit"),
                new Violation("homework.Evil", "run()V", "java/lang/invoke/MethodHandle", "reflection")),
                BytecodePolicy.check(tmp.resolve("classes")));
    }

    @Test
    void classLoadersAndServiceLoaderAreReportedAsClassloading() throws IOException {
        assertEquals(List.of(
                new Violation("homework.Evil", "run()V", "java/lang/ClassLoader.getSystemClassLoader()Ljava/lang/ClassLoader;", "classloading"),
                new Violation("homework.Evil", "run()V", "java/util/ServiceLoader.load(Ljava/lang/Class;)Ljava/util/ServiceLoader;", "classloading")),
                check("""
                        package homework;
                        import java.util.ServiceLoader;
                        public class Evil {
                            void run() { ClassLoader.getSystemClassLoader(); ServiceLoader.load(Runnable.class); }
                        }
                        """));
    }

    @Test
    void extendingClassLoaderIsReportedOnTheDeclaration() throws IOException {
        assertTrue(check("""
                package homework;
                public class Evil extends ClassLoader { }
                """).contains(new Violation("homework.Evil", "", "java/lang/ClassLoader", "classloading")));
    }

    // ---- native, unsafe, foreign-package, other ----

    @Test
    void nativeMethodsAreReported() throws IOException {
        List<Violation> violations = check("""
                package homework;
                public class Evil {
                    native int peek(long address);
                }
                """);

        assertEquals(List.of(new Violation("homework.Evil", "peek(J)I", "homework/Evil.peek(J)I", "native")), violations);
        assertEquals("homework.Evil declares native method peek(long): native code runs outside the JVM's checks", violations.get(0).describe());
    }

    @Test
    void sunMiscUnsafeIsReportedAsUnsafe() throws IOException {
        List<Violation> violations = check("""
                package homework;
                public class Evil {
                    Object run() { return sun.misc.Unsafe.class; }
                }
                """);

        assertEquals(List.of(new Violation("homework.Evil", "run()Ljava/lang/Object;", "sun/misc/Unsafe", "unsafe")), violations);
        assertEquals("homework.Evil.run uses sun.misc.Unsafe: reaches JDK internals", violations.get(0).describe());
    }

    @Test
    void jdkInternalsWrittenInBytecodeAreReportedAsUnsafe() throws IOException {
        writeClass("homework/Evil", mv -> {
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, "jdk/internal/misc/Unsafe", "getUnsafe", "()Ljdk/internal/misc/Unsafe;", false);
            mv.visitInsn(Opcodes.POP);
            mv.visitInsn(Opcodes.RETURN);
        });

        assertEquals(List.of(new Violation("homework.Evil", "run()V", "jdk/internal/misc/Unsafe.getUnsafe()Ljdk/internal/misc/Unsafe;", "unsafe")),
                BytecodePolicy.check(tmp.resolve("classes")));
    }

    @Test
    void aClassOutsidePackageHomeworkIsReportedAndSoAreItsUses() throws IOException {
        Path sources = tmp.resolve("src");
        // among the homework's files (only that folder is compiled), declaring a grader package
        write(sources, "homework/Grade.java", """
                package io.cnnhomework.grader.grading;
                public class Grade { public static double score() { return 100; } }
                """);
        write(sources, "homework/Evil.java", """
                package homework;
                public class Evil {
                    double run() { return io.cnnhomework.grader.grading.Grade.score(); }
                }
                """);

        List<Violation> violations = BytecodePolicy.check(compile(sources));

        assertEquals(List.of(
                new Violation("homework.Evil", "run()D", "io/cnnhomework/grader/grading/Grade.score()D", "foreign-package"),
                new Violation("io.cnnhomework.grader.grading.Grade", "", "io/cnnhomework/grader/grading/Grade", "foreign-package")),
                violations);
        assertEquals("io.cnnhomework.grader.grading.Grade is in package io.cnnhomework.grader.grading: "
                + "a submission may define classes only in package homework", violations.get(1).describe());
    }

    @Test
    void packagesOutsideTheAllowlistAreReportedAsOther() throws IOException {
        List<Violation> violations = check("""
                package homework;
                public class Evil {
                    void run() { java.util.logging.Logger.getLogger("x").info("y"); new java.util.zip.CRC32(); }
                }
                """);

        assertEquals(List.of(
                new Violation("homework.Evil", "run()V", "java/util/logging/Logger.getLogger(Ljava/lang/String;)Ljava/util/logging/Logger;", "other"),
                new Violation("homework.Evil", "run()V", "java/util/logging/Logger.info(Ljava/lang/String;)V", "other"),
                new Violation("homework.Evil", "run()V", "java/util/zip/CRC32.<init>()V", "other")),
                violations);
        assertEquals("homework.Evil.run calls new java.util.zip.CRC32(): lies outside the packages a submission may use",
                violations.get(2).describe());
    }

    // ---- reporting ----

    @Test
    void eachReferenceIsReportedOncePerMethodInClassMethodReferenceOrder() throws IOException {
        Path sources = tmp.resolve("src");
        write(sources, "homework/B.java", """
                package homework;
                public class B {
                    void second() { System.exit(1); System.exit(2); }
                    void first() { System.exit(3); }
                }
                """);
        write(sources, "homework/A.java", """
                package homework;
                public class A {
                    void only() { System.exit(4); }
                }
                """);
        Path classes = compile(sources);

        List<Violation> violations = BytecodePolicy.check(classes);

        assertEquals(List.of("homework.A.only", "homework.B.first", "homework.B.second"),
                violations.stream().map(v -> v.className() + "." + v.method().substring(0, v.method().indexOf('('))).toList());
        assertEquals(violations, BytecodePolicy.check(classes));
    }

    @Test
    void aFileThatIsNotAClassFileIsAnIOException() throws IOException {
        write(tmp.resolve("classes"), "homework/Evil.class", "not a class file");

        IOException thrown = assertThrows(IOException.class, () -> BytecodePolicy.check(tmp.resolve("classes")));

        assertTrue(thrown.getMessage().contains("Evil.class is not a class file the bytecode policy can read"), thrown.getMessage());
    }

    @Test
    void ruleIdsAreStable() {
        assertEquals(List.of("filesystem", "network", "process", "reflection", "classloading", "threads", "exit", "native", "unsafe",
                        "foreign-package", "other"),
                Arrays.stream(Rule.values()).map(Rule::id).toList());
        assertEquals(Rule.FOREIGN_PACKAGE, Rule.ofId("foreign-package").orElseThrow());
    }

    // ---- helpers ----

    /** Compiles one source (a class in package homework) as the grader does and checks it. */
    private List<Violation> check(String source) throws IOException {
        Path sources = tmp.resolve("src");
        String name = source.substring(source.indexOf("class ") + 6).split("[ {<]")[0];
        write(sources, "homework/" + name + ".java", source);
        return BytecodePolicy.check(compile(sources));
    }

    private void assertPasses(String source) throws IOException {
        assertEquals(List.of(), check(source));
    }

    private Path compile(Path submission) throws IOException {
        Path classes = tmp.resolve("classes");
        // The policy reads the class files; the loader the compiler returns is not needed.
        new SubmissionCompiler().compile(submission, classes).close();
        return classes;
    }

    private static void write(Path root, String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private interface Code {
        void emit(MethodVisitor mv);
    }

    /** Assembles a class with one method {@code void run()}, for bytecode javac would not write. */
    private void writeClass(String internalName, Code code) throws IOException {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, internalName, null, "java/lang/Object", null);
        MethodVisitor mv = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "run", "()V", null, null);
        mv.visitCode();
        code.emit(mv);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        writer.visitEnd();
        Path file = tmp.resolve("classes").resolve(internalName + ".class");
        Files.createDirectories(file.getParent());
        Files.write(file, writer.toByteArray());
    }

    private static Set<String> rules(List<Violation> violations) {
        return violations.stream().map(Violation::rule).collect(Collectors.toSet());
    }
}
