package io.cnnhomework.grader.isolation;

import io.cnnhomework.grader.submission.CompilationException;
import io.cnnhomework.grader.submission.SourceTree;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Compiles submissions in a child JVM ({@link CompilerMain}) under a time limit and a heap limit, so
 * that sources that make javac run for minutes or exhaust its memory (nested generic calls whose
 * type inference explodes) cost their own submission a {@code compile-error}, never the grader.
 * The time limit counts the compiler's processor time, not the wall clock, so that a machine
 * busy with other work does not turn an honest submission's slow compilation into its error; if
 * the wall clock runs far past the limit without the processor time reaching it
 * ({@link #wallClockBackstop(Duration)}), the grader's side is at fault and says so.
 * The child is reused while it behaves, so javac stays warm; one that overruns or runs out of memory
 * is killed and the next compilation starts a fresh one. A fresh child first compiles a small
 * class of its own outside the limit ({@link #WARM_UP}): a cold javac on a busy machine can take
 * seconds, which no submission should be charged. One compilation at a time: use one per grading
 * thread, and close it.
 *
 * <pre>{@code
 * try (CompilerProcess compiler = new CompilerProcess(256, Duration.ofSeconds(30))) {
 *     compiler.compile(SourceTree.of(submission), classesDir);   // or CompilationException
 * }
 * }</pre>
 */
public final class CompilerProcess implements AutoCloseable {

    /** How often a compilation's processor time is looked at. */
    private static final long POLL_MILLIS = 100;

    /** How long a fresh compiler process may take to start and compile its warm-up class. */
    static final Duration WARM_UP = Duration.ofMinutes(2);

    /** The warm-up class: generics, lambdas and streams, so that javac loads what a submission needs. */
    private static final String WARM_UP_SOURCE = String.join("\n", "package homework;", "",
            "import java.util.List;", "import java.util.Map;", "import java.util.stream.Collectors;", "",
            "final class WarmUp {", "    private WarmUp() {", "    }", "",
            "    static <T> Map<Integer, List<T>> byLength(List<T> items) {",
            "        return items.stream().collect(Collectors.groupingBy(item -> String.valueOf(item).length()));", "    }", "}", "");

    private final int memoryMb;
    private final Duration limit;
    private final ExecutorService io = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "compiler-process-io");
        thread.setDaemon(true);
        return thread;
    });
    private Process process;
    private DataOutputStream requests;
    private DataInputStream responses;
    private CappedOutput messages;
    private int starts;
    private boolean closed;

    /**
     * @param memoryMb the compiler's heap limit
     * @param limit the most one compilation may take
     */
    public CompilerProcess(int memoryMb, Duration limit) {
        if (memoryMb < 16 || limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("compiler memory " + memoryMb + " MB and limit " + limit + ": at least 16 MB and a positive limit");
        }
        this.memoryMb = memoryMb;
        this.limit = limit;
    }

    /**
     * Compiles a submission's sources.
     *
     * @param tree what to compile
     * @param classesDir where the classes go
     * @throws CompilationException when they do not compile, compile past the limit, or exhaust the
     *     compiler's heap
     * @throws UncheckedIOException when the compiler process cannot be started or breaks its
     *     protocol: the grader's side, not the submission's
     * @throws IllegalStateException when closed
     */
    public synchronized void compile(SourceTree tree, Path classesDir) {
        if (closed) {
            throw new IllegalStateException("the compiler process is closed");
        }
        if (process != null && !process.isAlive()) {
            stop();
        }
        if (process == null) {
            start();
            warmUp();
        }
        CompilationException failure = exchange(tree.root(), tree.sources(), classesDir, limit, tree.root().toString());
        if (failure != null) {
            throw failure;
        }
    }

    /** Compiles the warm-up class; the grader's side fails if even that does not work. */
    private void warmUp() {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("compiler-warm-up");
            Path source = Files.createDirectories(dir.resolve("homework")).resolve("WarmUp.java");
            Files.writeString(source, WARM_UP_SOURCE, StandardCharsets.UTF_8);
            CompilationException failure = exchange(dir, List.of(source), dir.resolve("classes"), WARM_UP, "the warm-up class");
            if (failure != null) {
                throw new IllegalStateException("the compiler process cannot compile its warm-up class: " + failure.getMessage());
            }
        } catch (CompilationException e) {
            throw new UncheckedIOException(new IOException("the compiler process did not warm up: " + e.getMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the compiler's warm-up class", e);
        } finally {
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory; the system cleans it eventually
        }
    }

    /**
     * Sends one compilation and waits for its answer within the limit.
     *
     * @return the compiler's refusal, or {@code null} when the sources compiled
     */
    private CompilationException exchange(Path root, List<Path> sources, Path classesDir, Duration limit, String what) {
        DataOutputStream out = requests;
        DataInputStream in = responses;
        Future<CompilationException> reply = io.submit(() -> {
            ValueCodec.writeString(out, root.toAbsolutePath().toString());
            ValueCodec.writeString(out, classesDir.toAbsolutePath().toString());
            out.writeInt(sources.size());
            for (Path source : sources) {
                ValueCodec.writeString(out, source.toAbsolutePath().toString());
            }
            out.flush();
            return read(in);
        });
        Process current = process;
        long cpuStart = cpuNanos(current);
        long wallStart = System.nanoTime();
        long backstop = wallClockBackstop(limit).toNanos();
        while (true) {
            try {
                return reply.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                long cpu = cpuNanos(current);
                long wall = System.nanoTime() - wallStart;
                boolean overLimit = cpuStart >= 0 && cpu >= 0 ? cpu - cpuStart > limit.toNanos() : wall > limit.toNanos();
                if (overLimit) {
                    reply.cancel(true);
                    stop();
                    throw CompilationException.tookLongerThan(limit.toMillis() / 1000.0);
                }
                if (wall > backstop) {
                    reply.cancel(true);
                    stop();
                    throw new UncheckedIOException(new IOException("the compiler process used less than " + limit.toSeconds()
                            + " s of processor time in " + wall / 1_000_000_000L + " s while compiling " + what
                            + ": the machine is too busy"));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop();
                throw new IllegalStateException("interrupted while compiling", e);
            } catch (ExecutionException e) {
                int status = exitStatus(process);
                stop();
                if (status == ChildMain.EXIT_OUT_OF_MEMORY) {
                    throw CompilationException.outOfMemory(memoryMb);
                }
                throw new UncheckedIOException(new IOException("the compiler process ended (status " + status + ") while compiling "
                        + what + ": " + e.getCause().getMessage() + "; " + messages.text().strip()));
            }
        }
    }

    /**
     * @param limit a compilation's limit of processor time
     * @return how long it may take by the wall clock: thirty times the limit and two minutes, enough
     *     for a process that gets a fifteenth of a core on a machine shared with other work
     */
    static Duration wallClockBackstop(Duration limit) {
        return limit.multipliedBy(30).plusMinutes(2);
    }

    /** @return the processor time the process used so far, all its threads, or -1 where the system does not tell */
    private static long cpuNanos(Process process) {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    }

    /** @return how many compiler processes were started: one, plus one after each that was killed or died */
    public synchronized int starts() {
        return starts;
    }

    /** Ends the compiler process. Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        stop();
        io.shutdownNow();
    }

    private static CompilationException read(DataInputStream in) throws IOException {
        byte status = in.readByte();
        if (status == CompilerMain.COMPILED) {
            return null;
        }
        if (status != CompilerMain.NOT_COMPILED) {
            throw new IOException("unknown response " + status);
        }
        String summary = ValueCodec.readString(in);
        int count = ValueCodec.readCount(in, CompilerMain.MAX_MESSAGES, "compiler messages", false);
        List<String> diagnostics = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            diagnostics.add(ValueCodec.readString(in));
        }
        return new CompilationException(summary, diagnostics);
    }

    private void start() {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + memoryMb + "m",
                "-XX:+ExitOnOutOfMemoryError",
                "-XX:+DisplayVMOutputToStderr",
                "-XX:+UseSerialGC",
                "-XX:-UsePerfData",
                "-Xshare:auto",
                // C1 alone: over a batch of 100, C2 spent more processor time compiling javac
                // (8.7 s) than its code saved in the compilations (6.8 s with C1 alone against 6.3 s)
                "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                CompilerMain.class.getName());
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the compiler process: " + String.join(" ", command), e);
        }
        starts++;
        requests = new DataOutputStream(new BufferedOutputStream(process.getOutputStream(), 1 << 16));
        responses = new DataInputStream(new BufferedInputStream(process.getInputStream(), 1 << 16));
        CappedOutput errors = new CappedOutput(ChildJvmRunner.JVM_MESSAGE_BYTES);
        messages = errors;
        Process started = process;
        Thread drain = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (var err = started.getErrorStream()) {
                for (int n; (n = err.read(buffer)) >= 0; ) {
                    errors.write(buffer, 0, n);
                }
            } catch (IOException e) {
                // the process is gone
            }
        }, "compiler-process-stderr");
        drain.setDaemon(true);
        drain.start();
    }

    private void stop() {
        if (process == null) {
            return;
        }
        Process ending = process;
        process = null;
        ChildProcess.kill(ending, requests, responses);
    }

    private static int exitStatus(Process ended) {
        try {
            return ended.waitFor(5, TimeUnit.SECONDS) ? ended.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
