package io.cnnhomework.grader.isolation;

import io.cnnhomework.grader.exercise.Deadline;
import io.cnnhomework.grader.exercise.Job;
import io.cnnhomework.grader.exercise.LayerInput;
import io.cnnhomework.grader.exercise.LayerOutput;
import io.cnnhomework.grader.exercise.Outcome;
import io.cnnhomework.grader.exercise.OwnNetworkTraining;
import io.cnnhomework.grader.exercise.SubmissionRunner;
import io.cnnhomework.grader.exercise.TaskInput;
import io.cnnhomework.grader.exercise.TaskOutput;
import io.cnnhomework.grader.exercise.TimeBudget;
import io.cnnhomework.grader.exercise.TimeLimitedRunner;
import io.cnnhomework.grader.exercise.TrainingInput;
import io.cnnhomework.grader.exercise.TrainingOutput;
import io.cnnhomework.grader.messages.Text;
import io.cnnhomework.grader.submission.FailureKind;
import io.cnnhomework.grader.submission.StudentFailure;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Runs a submission in a child JVM ({@link ChildMain}), one task or layer case per request, so
 * that nothing its code does can take the grader down: a {@code System.exit} or {@code halt}, an
 * endless loop, an exhausted heap, a flood of output or bytes scribbled on the protocol each fail
 * the one request as {@code crashed}, {@code timeout} or {@code memory}, and the next request
 * starts a fresh child. Use one runner per submission and close it:
 *
 * <pre>{@code
 * try (ChildJvmRunner runner = new ChildJvmRunner(classes, new ChildJvmRunner.Limits(Duration.ofSeconds(60), 512))) {
 *     GradeReport report = new Grader(reference).grade(runner);
 *     String printed = runner.output();
 * }
 * }</pre>
 *
 * <p>The child starts on the first request with the grader's own class path, {@code -Xmx} of
 * {@link Limits#memoryMb()}, the serial collector with a young generation of a quarter of it
 * (64 MB at most; half of it, 128 MB at most, in transparent huge pages where the system offers
 * them), and the tensor's Vector API kernels (or the client compiler alone,
 * {@link Limits#quickStart()}).
 * Each request has {@link Limits#perRequest()}: the child enforces it itself and reports where
 * the student code was; should the child not answer within {@link #GRACE} more, the parent kills
 * it and its descendants.
 *
 * <p>A batch's runners share their children through a {@link ChildPool}: a runner takes an idle
 * child that served an earlier submission and has it load this one's classes instead of starting
 * a JVM, and gives it back on {@link #close()} if it answered every request; a child that failed
 * one is never reused.
 *
 * <p>The child is trusted for nothing but what it computed: the response's type and sequence
 * number must match the request, its sizes are capped by {@link Wire}, its epochs may not exceed
 * the task's, and a response that breaks any of this fails the request as {@code crashed}.
 * Methods are synchronized: a runner serves one request at a time.
 */
public final class ChildJvmRunner implements SubmissionRunner, AutoCloseable {

    /**
     * How much a submission may use.
     *
     * @param perRequest wall-clock limit of one task or layer case
     * @param memoryMb the child's heap limit ({@code -Xmx}), at least 16
     * @param perTraining wall-clock limit of one training run of the optional task
     * @param tensorThreads threads one matrix product of the child may use (the student API's
     *                      {@code cnnhomework.tensor.threads}), at least 1
     * @param budget wall-clock time of all tasks and layer cases together ({@link TimeBudget});
     *     training runs are outside it
     * @param quickStart the child compiles with the client compiler alone and runs the plain
     *     tensor kernels: about half the CPU time for layer checks and tasks 1 to 3 (1.7 s
     *     instead of 3.4 s for the known-good submission), and training the optional task's
     *     own network several times slower; for children that do not train it
     */
    public record Limits(Duration perRequest, int memoryMb, Duration perTraining, int tensorThreads, Duration budget,
                         boolean quickStart) {

        /** The CLI's timeout and a heap far beyond what the homework needs (a few MB). */
        public static final Limits DEFAULT = new Limits(TimeLimitedRunner.DEFAULT_LIMIT, 512);

        /** Checks the limits. */
        public Limits {
            for (Duration limit : new Duration[] {perRequest, perTraining, budget}) {
                Objects.requireNonNull(limit, "time limit");
                if (limit.isNegative() || limit.isZero() || limit.toMillis() > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("time limit " + limit + " must be positive and below 24 days");
                }
            }
            if (memoryMb < 16) {
                throw new IllegalArgumentException("memory limit " + memoryMb + " MB is below 16 MB");
            }
            if (tensorThreads < 1) {
                throw new IllegalArgumentException("tensor threads " + tensorThreads + " is below 1");
            }
        }

        /**
         * Limits of a child that may train the optional task.
         *
         * @param perRequest wall-clock limit of one task or layer case
         * @param memoryMb the child's heap limit
         * @param perTraining wall-clock limit of one training run of the optional task
         * @param tensorThreads threads one matrix product of the child may use
         * @param budget wall-clock time of all tasks and layer cases together
         */
        public Limits(Duration perRequest, int memoryMb, Duration perTraining, int tensorThreads, Duration budget) {
            this(perRequest, memoryMb, perTraining, tensorThreads, budget, false);
        }

        /**
         * Limits whose child may use every core for one product.
         *
         * @param perRequest wall-clock limit of one task or layer case
         * @param memoryMb the child's heap limit
         * @param perTraining wall-clock limit of one training run of the optional task
         */
        public Limits(Duration perRequest, int memoryMb, Duration perTraining) {
            this(perRequest, memoryMb, perTraining, tensorThreadsFor(1));
        }

        /**
         * Threads per child when {@code children} children run side by side: the cores shared
         * out, at least 1, so that a batch with {@code --jobs} at least the cores never has more
         * busy threads than cores.
         *
         * @param children children running at once, at least 1
         * @return the threads each may use
         */
        public static int tensorThreadsFor(int children) {
            return Math.max(1, Runtime.getRuntime().availableProcessors() / Math.max(1, children));
        }

        /**
         * Limits with the default budget.
         *
         * @param perRequest wall-clock limit of one task or layer case
         * @param memoryMb the child's heap limit
         * @param perTraining wall-clock limit of one training run of the optional task
         * @param tensorThreads threads one matrix product of the child may use
         */
        public Limits(Duration perRequest, int memoryMb, Duration perTraining, int tensorThreads) {
            this(perRequest, memoryMb, perTraining, tensorThreads, TimeBudget.DEFAULT);
        }

        /**
         * Limits with the default training limit and budget.
         *
         * @param perRequest wall-clock limit of one task or layer case
         * @param memoryMb the child's heap limit
         */
        public Limits(Duration perRequest, int memoryMb) {
            this(perRequest, memoryMb, TimeLimitedRunner.DEFAULT_TRAINING_LIMIT);
        }
    }

    /** How long past the limit the parent waits for the child's own timeout report. */
    public static final Duration GRACE = Duration.ofSeconds(2);
    /** Bytes of the submission's output {@link #output()} keeps over all requests. */
    public static final int OUTPUT_BYTES = 1 << 16;
    /** Bytes of the children's own JVM messages {@link #jvmMessages()} keeps. */
    public static final int JVM_MESSAGE_BYTES = 1 << 14;
    /** The thread stack of the child: {@link Deadline#STACK_BYTES}, as the grader's own limited threads have. */
    static final String STACK = "-Xss" + (Deadline.STACK_BYTES >> 10) + "k";

    /** What {@code --add-exports} gives the Tensor so that its results come from unzeroed arrays. */
    static final String FRESH_ARRAYS = "java.base/jdk.internal.misc=ALL-UNNAMED";

    /** Linux's switch for transparent huge pages: {@code always [madvise] never}, the chosen one in brackets. */
    static final Path HUGE_PAGES_SETTING = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");

    /** Whether this system lets a JVM ask for transparent huge pages, read once. */
    private static final boolean HUGE_PAGES = hugePagesOffered(HUGE_PAGES_SETTING);

    /**
     * How long a pooled child may take to switch to a submission: the check of what the last one
     * left waits up to {@link Pristine#THREAD_END_MS} for its threads.
     */
    static final Duration OPEN_LIMIT = Duration.ofSeconds(10);
    /** How long a child whose input is closed gets to exit before it is killed. */
    private static final long EXIT_MS = 500;
    /** How long a child that wrote garbage gets to exit on its own before it is killed. */
    private static final long GARBAGE_WAIT_MS = 200;
    /** How long after the child's exit its standard error is still read. */
    private static final long DRAIN_WAIT_MS = 1_000;

    private final List<String> command;
    private final Limits limits;
    private final ExecutorService io = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "child-jvm-io");
        thread.setDaemon(true);
        return thread;
    });
    private final CappedOutput output = new CappedOutput(OUTPUT_BYTES);
    private final CappedOutput jvmMessages = new CappedOutput(JVM_MESSAGE_BYTES);
    private final TimeBudget budget;
    /** Where the child comes from and goes back to, or {@code null}: a child of this submission alone. */
    private final ChildPool pool;
    private ChildProcess child;
    /** Set once a pooled child met a class it could not initialise: this submission's children are its own from then on. */
    private boolean freshChildren;
    /** When the current request last began: on a rerun in a fresh child, when that began. */
    private long rerunAt;
    private long sequence;
    private int starts;
    private boolean closed;

    /**
     * Prepares the runner; the child JVM starts on the first request.
     *
     * @param classesDir the submission's compiled classes
     * @param limits time per request and heap
     */
    public ChildJvmRunner(Path classesDir, Limits limits) {
        this(command(classesDir, limits, ChildMain.class.getName()), limits);
    }

    /**
     * Prepares the runner of one submission among many whose children serve one submission after
     * another ({@link ChildPool}): it takes an idle child of the pool on the first request, or
     * starts one, and gives it back when it closes, unless the child failed a request.
     *
     * @param classesDir the submission's compiled classes
     * @param limits time per request and heap, the same for every runner of the pool
     * @param pool the batch's children
     */
    public ChildJvmRunner(Path classesDir, Limits limits, ChildPool pool) {
        this(command(classesDir, limits, ChildMain.class.getName()), limits, Objects.requireNonNull(pool, "pool"));
    }

    /**
     * @param command the child's command line, for a stand-in child in tests
     * @param limits time per request and heap
     */
    ChildJvmRunner(List<String> command, Limits limits) {
        this(command, limits, null);
    }

    /**
     * @param command the child's command line, the submission's classes directory last
     * @param limits time per request and heap
     * @param pool the batch's children, or {@code null}
     */
    ChildJvmRunner(List<String> command, Limits limits, ChildPool pool) {
        this.command = List.copyOf(command);
        this.limits = Objects.requireNonNull(limits, "limits");
        this.budget = new TimeBudget(limits.budget());
        this.pool = pool;
    }

    /**
     * @param classesDir the submission's compiled classes
     * @param limits time per request and heap
     * @param mainClass the child's entry point
     * @return the command line of a child JVM on the grader's own class path
     */
    static List<String> command(Path classesDir, Limits limits, String mainClass) {
        return command(classesDir, limits, mainClass, HUGE_PAGES);
    }

    /**
     * @param classesDir the submission's compiled classes
     * @param limits time per request and heap
     * @param mainClass the child's entry point
     * @param hugePages whether the system offers transparent huge pages
     * @return the command line of a child JVM on the grader's own class path
     */
    static List<String> command(Path classesDir, Limits limits, String mainClass, boolean hugePages) {
        boolean trainingHeap = hugePages && !limits.quickStart();
        int youngMb = youngGenerationMb(limits.memoryMb(), trainingHeap);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + limits.memoryMb() + "m",
                STACK,
                "-XX:+ExitOnOutOfMemoryError",
                // JVM messages (the out-of-memory line among them) on stderr, never into the protocol
                "-XX:+DisplayVMOutputToStderr",
                "-XX:+UseSerialGC",
                // training's tensors live for one step: they die young, in the survivor spaces
                "-Xmn" + youngMb + "m",
                "-XX:SurvivorRatio=" + SURVIVOR_RATIO,
                "-XX:-UsePerfData",
                "-Xshare:auto",
                "-Djava.awt.headless=true",
                // no more threads per product than the child's share of the cores
                "-Dcnnhomework.tensor.threads=" + limits.tensorThreads(),
                // student code may not install a security manager that refuses the child's own halt
                "-Djava.security.manager=disallow"));
        if (limits.quickStart()) {
            // C1 alone: short runs spend more CPU in C2's compilations than in the code it
            // compiles. The Vector API's kernels need C2 (C1 boxes every vector), so the plain
            // ones run, and without the incubator module the JVM keeps its archived module graph.
            command.addAll(List.of("-XX:TieredStopAtLevel=1", "-Dcnnhomework.tensor.vector=false"));
        } else {
            // the Tensor's Vector API kernels, and its results in arrays the JVM does not zero
            // first (FreshArrays: a sixth of a training step's time in a child); the bytecode
            // policy still refuses a submission any reference to jdk.internal
            command.addAll(List.of("--add-modules", "jdk.incubator.vector", "--add-exports", FRESH_ARRAYS));
            command.addAll(fixedTlab(youngMb));
            if (trainingHeap) {
                command.add("-XX:+UseTransparentHugePages");
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path")));
        command.add(mainClass);
        command.add(classesDir.toAbsolutePath().toString());
        return List.copyOf(command);
    }

    /**
     * Eden is this many times each survivor space: a sixth of the young generation per survivor
     * space, 10.7 MB of 64. A young collection finds a training step's live tensors (4-8 MB for
     * the known-good network: the activations kept for the backward pass) and must fit them in a
     * survivor space; the JVM's default, 8 (a tenth), overflowed, so every collection promoted
     * megabytes into the old generation, which then needed full collections.
     */
    static final int SURVIVOR_RATIO = 4;

    /**
     * The share of a training child's allocation buffer that may be left unused when a tensor does
     * not fit in the rest: a quarter ({@link #fixedTlab}).
     */
    static final int TLAB_REFILL_WASTE_FRACTION = 4;

    /**
     * The child's young generation: a quarter of its heap, 64 MB at most; in transparent huge pages,
     * half of it, 128 MB at most. A collection copies a
     * step's live tensors whatever the generation's size, so a larger one collects less often:
     * training the known-good network seven times in one JVM with a child's heap, the collector
     * took 2.3-3.5 s with 24 MB (survivors a tenth: 2,800 young and 3 full collections) and
     * 1.2-1.4 s with 64 MB (survivors a sixth: 1,250 young, 1 full), 0.8-1.1 s with 96 or 128 MB;
     * the process's CPU was lower in five of six alternating pairs. Batches of 40 took 45-56 s
     * with 64-96 MB against 50-60 s with 24. Larger ones gained no more in CPU, and a machine
     * whose caches are small may lose by them.
     *
     * <p>In 2 MB pages the freshly handed-out memory of a larger generation costs no more misses of
     * the address translation cache, and 128 MB collects half as often: four pairs of batches of
     * 30 run side by side (one child each, so both shared the machine's drift), 2.0, 2.6, 1.5 and
     * 6.4 s less processor time with 128 MB than with 64 MB, both in huge pages, which alone had
     * saved 1.2 and 3.0 s against the small pages (see README, Speed).
     *
     * @param memoryMb the child's heap limit in MB
     * @param hugePages whether the heap is in transparent huge pages
     * @return the young generation in MB, at least 4
     */
    static int youngGenerationMb(int memoryMb, boolean hugePages) {
        return hugePages ? Math.max(4, Math.min(128, memoryMb / 2)) : Math.max(4, Math.min(64, memoryMb / 4));
    }

    /**
     * @param setting Linux's transparent huge pages switch ({@link #HUGE_PAGES_SETTING})
     * @return whether it is {@code always} or {@code madvise}, so that a JVM asking for huge pages
     *     gets them; false where the file is missing (another system) or unreadable
     */
    static boolean hugePagesOffered(Path setting) {
        try {
            String chosen = Files.readString(setting, StandardCharsets.US_ASCII);
            return chosen.contains("[always]") || chosen.contains("[madvise]");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * A thread-local allocation buffer of a fixed 4 MB (a quarter of the young generation at most)
     * for a training child; a tensor that does not fit in what is left of it takes a new buffer
     * when at most a quarter of it is left (that rest stays unused). An array allocated outside the
     * thread's buffer goes through the JVM's slow path, which zeroes it even where
     * {@code FreshArrays} asked for no zeroing. With the buffer sized by the JVM's own heuristics
     * that was every few of a training step's 256-576 KB tensors, and the C library's memset took
     * 9.6 % of {@code train}'s time, 3 % with 4 MB; with the JVM's default refill-waste limit (a
     * 64th of the buffer, 64 KB) a tensor still went outside whenever more than 64 KB were left,
     * four or five times a step. With a quarter (1 MB, more than a training step's largest
     * tensor) that is once in about ten steps, besides the 1.4 MB activations of the validation
     * pass (JFR's allocation events over five trainings of the known-good: 20,494 against 1,060).
     *
     * @param youngMb the child's young generation in MB
     * @return the options, none for a young generation under 8 MB
     */
    static List<String> fixedTlab(int youngMb) {
        int tlabMb = Math.min(4, youngMb / 4);
        if (tlabMb < 2) {
            return List.of();
        }
        return List.of("-XX:TLABSize=" + tlabMb + "m", "-XX:-ResizeTLAB",
                "-XX:TLABRefillWasteFraction=" + TLAB_REFILL_WASTE_FRACTION);
    }

    /**
     * @throws UncheckedIOException if the child JVM cannot be started
     * @throws IllegalStateException if the runner is closed
     */
    @Override
    public synchronized TaskOutput runTask(TaskInput input) {
        return budgeted(input, TaskOutput.class, input::failed, task -> {
            int epochs = Math.max(input.epochs(), 0);
            return task.trainLoss() != null && task.trainLoss().length <= epochs
                    && (task.valLoss() == null || task.valLoss().length <= epochs) && task.trace().size() <= epochs;
        });
    }

    /**
     * @throws UncheckedIOException if the child JVM cannot be started
     * @throws IllegalStateException if the runner is closed
     */
    @Override
    public synchronized LayerOutput runLayer(LayerInput input) {
        return budgeted(input, LayerOutput.class, input::failed, layer -> true);
    }

    /**
     * @throws UncheckedIOException if the child JVM cannot be started
     * @throws IllegalStateException if the runner is closed
     */
    @Override
    public synchronized TrainingOutput train(TrainingInput input) {
        return exchange(input, TrainingOutput.class, input::failed,
                training -> training.trainLoss().length <= OwnNetworkTraining.MAX_EPOCHS
                        && training.valLogits().size() <= training.trainLoss().length,
                limits.perTraining());
    }

    /**
     * @return what the submission printed on {@code System.out} and {@code System.err}, request
     *     by request, at most {@value #OUTPUT_BYTES} bytes of it
     */
    public String output() {
        return output.text();
    }

    /** @return how many bytes of the submission's output were not kept, in the child or here */
    public long droppedOutputBytes() {
        return output.dropped();
    }

    /**
     * @return what the child JVMs themselves wrote on their standard error (JVM warnings, the
     *     out-of-memory line) and why a response was refused, at most {@value #JVM_MESSAGE_BYTES}
     *     bytes: for the grader's operator, not for the student
     */
    public String jvmMessages() {
        return jvmMessages.text();
    }

    /** @return the child's command line */
    List<String> commandLine() {
        return command;
    }

    /**
     * @return how many child JVMs this runner started: one, plus one after each crash or timeout;
     *     none when a pooled child served it throughout
     */
    public synchronized int childStarts() {
        return starts;
    }

    /**
     * Ends the child: closes its input, gives it a moment to exit, then kills it; a pooled child
     * that answered every request goes back to the pool instead. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (child != null && pool != null) {
            pool.give(poolKey(), child);
        } else if (child != null) {
            child.endInput(EXIT_MS);
            child.kill();
        }
        child = null;
        io.shutdownNow();
    }

    /** A task or layer case: within its own limit and what is left of the submission's {@link TimeBudget}. */
    private <T extends Outcome> T budgeted(Job job, Class<T> type, Function<StudentFailure, T> failed, Predicate<T> plausible) {
        Duration allowed = budget.allow(limits.perRequest());
        if (allowed.isZero()) {
            if (closed) {
                throw new IllegalStateException("the child JVM runner is closed");
            }
            return failed.apply(budget.exhausted(job.what()));
        }
        rerunAt = System.nanoTime();
        T outcome = exchange(job, type, failed, plausible, allowed);
        // a request that ran again in a fresh child is charged for that run alone
        budget.spend(System.nanoTime() - rerunAt);
        boolean cut = allowed.compareTo(limits.perRequest()) < 0;
        return cut && outcome.failure() != null && outcome.failure().kind() == FailureKind.TIMEOUT
                ? failed.apply(budget.exhausted(job.what())) : outcome;
    }

    /**
     * Sends one job and reads its outcome, within the limit.
     *
     * @param job the job
     * @param type the outcome the job produces
     * @param failed the outcome of a job that failed in the child JVM
     * @param plausible whether the child's outcome can be true of the job (no more epochs than asked, ...)
     * @param limit the job's time limit
     */
    private <T extends Outcome> T exchange(Job job, Class<T> type, Function<StudentFailure, T> failed, Predicate<T> plausible,
            Duration limit) {
        if (closed) {
            throw new IllegalStateException("the child JVM runner is closed");
        }
        if (child != null && !child.process.isAlive()) {
            // ended between requests (a student thread left behind); this request gets a fresh one
            jvmMessages.println("the child ended with status " + child.process.exitValue() + " between requests");
            child.kill();
            child = null;
        }
        if (child == null) {
            child = start();
        }
        ChildProcess current = child;
        String what = job.what();
        Wire.Request request = new Wire.Request(++sequence, (int) limit.toMillis(), job);
        byte[] frame = Wire.encode(request);
        Future<Wire.Response> reply = io.submit(() -> current.exchange(frame, Wire::readResponse));
        try {
            Wire.Response response = reply.get(limit.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
            T outcome = response.sequence() == request.sequence() && type.isInstance(response.outcome())
                    ? type.cast(response.outcome()) : null;
            if (outcome == null || !plausible.test(outcome)) {
                jvmMessages.println("response " + response.sequence() + " to request " + request.sequence() + " does not fit it");
                return failed.apply(crashed(current, GARBAGE_WAIT_MS, what));
            }
            if (response.broken() && current.submissions() > 1) {
                // Not necessarily this submission's doing: an earlier one in the same child may have
                // left a class whose initialiser failed. A child of its own tells; only its time counts.
                jvmMessages.println("request " + request.sequence() + " (" + what + ") met a class that could not be initialised in a"
                        + " child that served other submissions; it runs again in a fresh child");
                current.kill();
                child = null;
                freshChildren = true;
                rerunAt = System.nanoTime();
                return exchange(job, type, failed, plausible, limit);
            }
            record(response.stdout());
            record(response.stderr());
            if (response.closing()) {
                current.kill();
                child = null;
            }
            return outcome;
        } catch (TimeoutException e) {
            jvmMessages.println("request " + request.sequence() + " (" + what + "): no answer within " + limit.plus(GRACE)
                    + "; the child is killed");
            reply.cancel(true);
            current.kill();
            child = null;
            return failed.apply(StudentFailure.timeout(limit.toMillis() / 1000.0, what));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            jvmMessages.println("request " + request.sequence() + " (" + what + "): " + cause.getMessage());
            return failed.apply(crashed(current, cause instanceof EOFException ? ChildProcess.EXIT_WAIT_MS : GARBAGE_WAIT_MS, what));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            current.kill();
            child = null;
            return failed.apply(StudentFailure.timeout(0, what));
        }
    }

    /**
     * The child ended or broke the protocol: waits for its exit status and names the failure.
     *
     * @param wait how long it may take to exit on its own before it is killed
     */
    private StudentFailure crashed(ChildProcess ended, long wait, String what) {
        child = null;
        int status;
        boolean stillRunning = false;
        try {
            if (!ended.process.waitFor(wait, TimeUnit.MILLISECONDS)) {
                // Alive after writing something that is not a response: the submission wrote to
                // the real standard output, the grader's channel.
                stillRunning = true;
                ended.kill();
            }
            status = ended.process.waitFor();
            ended.drain.join(DRAIN_WAIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ended.kill();
            status = ended.process.isAlive() ? -1 : ended.process.exitValue();
        }
        ended.kill();
        if (status == ChildMain.EXIT_OUT_OF_MEMORY || ended.messages.text().contains("java.lang.OutOfMemoryError")) {
            return new StudentFailure(FailureKind.MEMORY, Text.of("failure.memory", limits.memoryMb(), what));
        }
        if (stillRunning && wait == GARBAGE_WAIT_MS) {
            return new StudentFailure(FailureKind.CRASHED, Text.of("failure.protocol", what));
        }
        return new StudentFailure(FailureKind.CRASHED, Text.of("failure.crashed", status, what));
    }

    private void record(Wire.Captured captured) {
        output.write(captured.kept(), 0, captured.kept().length);
        output.drop(captured.dropped());
    }

    /**
     * An idle child of the pool that switched to this submission, else a fresh child started
     * with this submission's classes (which a pooled runner gives back like any other).
     */
    private ChildProcess start() {
        if (pool != null && !freshChildren) {
            ChildProcess idle = pool.take(poolKey());
            if (idle != null) {
                idle.serve(jvmMessages);
                if (opened(idle)) {
                    return idle;
                }
                idle.kill();
            }
        }
        ChildProcess fresh = ChildProcess.start(command, jvmMessages);
        starts++;
        if (pool != null) {
            pool.started();
        }
        return fresh;
    }

    /** The pool's children are alike when their command lines are, the submission aside. */
    private List<String> poolKey() {
        return command.subList(0, command.size() - 1);
    }

    /** Asks a pooled child to serve this submission: whether it did, within {@link #OPEN_LIMIT}. */
    private boolean opened(ChildProcess idle) {
        Wire.Open open = new Wire.Open(++sequence, command.get(command.size() - 1));
        Future<Wire.Opened> reply = io.submit(() -> idle.exchange(Wire.encode(open), Wire::readOpened));
        try {
            Wire.Opened opened = reply.get(OPEN_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            if (opened.sequence() == open.sequence() && opened.switched()) {
                return true;
            }
            jvmMessages.println("a pooled child refused this submission: " + opened.refusal());
            pool.refused();
        } catch (TimeoutException | ExecutionException e) {
            jvmMessages.println("a pooled child did not switch to this submission: " + e);
            reply.cancel(true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }
}
