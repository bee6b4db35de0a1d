package io.cnnhomework.grader.batch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cnnhomework.grader.batch.Submissions.Submission;
import io.cnnhomework.grader.grading.GradeReport;
import io.cnnhomework.grader.grading.Grader;
import io.cnnhomework.grader.grading.OptionalMode;
import io.cnnhomework.grader.isolation.ChildJvmRunner;
import io.cnnhomework.grader.isolation.CompilerProcess;
import io.cnnhomework.grader.isolation.ChildPool;
import io.cnnhomework.grader.messages.Text;
import io.cnnhomework.grader.policy.BytecodePolicy;
import io.cnnhomework.grader.reference.ReferenceSet;
import io.cnnhomework.grader.reference.Visibility;
import io.cnnhomework.grader.report.AtomicFiles;
import io.cnnhomework.grader.report.Audience;
import io.cnnhomework.grader.report.Feedback;
import io.cnnhomework.grader.report.Inert;
import io.cnnhomework.grader.report.JsonReport;
import io.cnnhomework.grader.report.allure.AllureResults;
import io.cnnhomework.grader.similarity.Similarity;
import io.cnnhomework.grader.submission.CompilationException;
import io.cnnhomework.grader.submission.FailureKind;
import io.cnnhomework.grader.submission.SourceTree;
import io.cnnhomework.grader.submission.StudentFailure;
import io.cnnhomework.grader.submission.TemplateStubs;
import io.cnnhomework.grader.submission.WrittenAnswers;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * Grades a directory of submissions. Each one: a provisional gradebook row, then its stages:
 * unpack (an archive), compile (against the student API only, in a compiler process under a time
 * and heap limit), the bytecode policy, a run in its own child JVM with a memory and time limit,
 * the reports (JSON, the student's feedback page, captured output, Allure results), and the final
 * row. Nothing inside one submission stops the batch: whatever any
 * stage throws becomes that submission's row, with a status and a one-line reason; a failure of
 * the grader's own (a full disk, a bug) is status {@code error}, without a score, never blamed on
 * the submission. The gradebook is rewritten atomically after every row.
 *
 * <p>Two audiences: {@code submissions/<id>/} (the report for the student, what it printed), the
 * Allure results and the gradebook carry no expected value of a private reference set
 * ({@link Audience#view}); {@code staff/} holds the full reports.
 */
public final class BatchGrader {

    /** Beside the gradebook: the settings it was graded with, checked by {@code --resume}. */
    public static final String SETTINGS_FILE = "batch.properties";

    /** The output's folder of full reports, for staff only. */
    public static final String STAFF_DIR = "staff";
    /** The batch's Allure results, one report for the class. */
    public static final String ALLURE_RESULTS = "allure-results";
    /**
     * How long a worker waits for the warm compiler before it gets one of its own: a warm
     * compilation takes a tenth of a second, a cold start a few seconds.
     */
    static final Duration COMPILER_PATIENCE = Duration.ofSeconds(5);

    /** The stages of grading one submission, each named in the reason of a row the grader failed on. */
    enum Stage {
        UNPACK("unpacking it"), COMPILE("compiling it"), POLICY("checking its bytecode"), RUN("running it"),
        REPORT("writing its reports");

        private final String doing;

        Stage(String doing) {
            this.doing = doing;
        }
    }

    /** Called as a submission enters each stage; tests make a stage fail through it. */
    @FunctionalInterface
    interface Checkpoint {
        void entering(Stage stage, String id) throws Exception;
    }

    private final ReferenceSet reference;
    private final BatchOptions options;
    private final PrintStream progress;
    private final Checkpoint checkpoint;
    private final Phases phases = new Phases();
    /** The batch's javac processes, for the duration of {@link #run()}. */
    private WarmPool<CompilerProcess> compilers;
    /** The child JVMs that grade one submission after another, for the duration of {@link #run()}. */
    private ChildPool children;

    /**
     * @param reference the reference to grade against
     * @param options how to grade
     * @param progress where the progress lines go
     */
    public BatchGrader(ReferenceSet reference, BatchOptions options, PrintStream progress) {
        this(reference, options, progress, (stage, id) -> { });
    }

    BatchGrader(ReferenceSet reference, BatchOptions options, PrintStream progress, Checkpoint checkpoint) {
        this.reference = reference;
        this.options = options;
        this.progress = progress;
        this.checkpoint = checkpoint;
    }

    /**
     * What a batch did.
     *
     * @param graded submissions graded in this run
     * @param skipped submissions kept from an earlier run ({@code --resume})
     * @param rows the gradebook's rows after the run
     * @param phases seconds spent per phase, summed over submissions
     * @param seconds wall time of the run
     * @param similarity what the similarity step found, or {@code null} when it did not run
     * @param similarityError why the similarity step failed, or {@code null}; the grades stand
     * @param childJvms child JVMs started to run the submissions ({@link ChildPool})
     * @param childRefusals switches to the next submission that a child refused because the last
     *     one had changed it (each followed by a fresh child)
     */
    public record Summary(int graded, int skipped, List<GradebookRow> rows, Phases phases, double seconds,
            Similarity.Result similarity, String similarityError, int childJvms, int childRefusals) {
    }

    /** Seconds spent per phase, summed over submissions (from several threads). */
    public static final class Phases {
        final LongAdder compile = new LongAdder();
        final LongAdder policy = new LongAdder();
        final LongAdder run = new LongAdder();
        final LongAdder report = new LongAdder();

        /** @return compile, policy, run and report seconds, in that order */
        public double[] seconds() {
            return new double[] {compile.sum() / 1e9, policy.sum() / 1e9, run.sum() / 1e9, report.sum() / 1e9};
        }
    }

    /**
     * Grades the batch.
     *
     * @return what was done
     * @throws IOException if the submissions cannot be listed or the gradebook not written
     */
    public Summary run() throws IOException {
        long start = System.nanoTime();
        Path gradebookFile = options.out().resolve(Gradebook.FILE_NAME);
        if (Files.exists(gradebookFile) && !options.resume()) {
            throw new IOException(gradebookFile + " exists; use --resume to continue it or choose another --out");
        }
        TemplateStubs stubs = options.template() == null ? null : TemplateStubs.read(options.template());
        recordSettings();
        Gradebook gradebook = (Files.exists(gradebookFile) ? Gradebook.read(gradebookFile) : Gradebook.empty(gradebookFile))
                .withPointColumns(options.pointColumns());
        List<Submission> every = Submissions.list(options.submissions());
        if (options.manual() != null) {
            options.manual().unknown(every.stream().map(Submission::id).toList()).ifPresent(progress::println);
        }
        List<Submission> all = Submissions.shard(every, options.shard(), options.shards());
        List<Submission> todo = all.stream().filter(s -> gradebook.row(s.id()).map(r -> !r.finished()).orElse(true)).toList();
        gradebook.write();
        Thread cleanup = new Thread(BatchGrader::endChildren, "end-child-jvms");
        Runtime.getRuntime().addShutdownHook(cleanup);
        AtomicInteger done = new AtomicInteger();
        // The similarity step needs every submission's sources, not its grade: it stages them all
        // and compares them beside the trainings, which leaves no comparison after the last one.
        FutureTask<Similarity.Result> similarity = new FutureTask<>(() -> {
            ClassSimilarity.stageAll(options.out(), todo).forEach((id, reason) ->
                    progress.println("warning: " + Inert.terminal(id) + " is not compared with the others: " + Inert.terminal(reason)));
            return compareSimilarity(stubs);
        });
        if (options.similarity() && stubs != null) {
            Thread comparing = new Thread(similarity, "similarity");
            comparing.setDaemon(true);
            comparing.start();
        }
        ExecutorService pool = Executors.newFixedThreadPool(options.jobs());
        boolean graded = false;
        compilers = new WarmPool<>(() -> new CompilerProcess(options.memoryMb(), options.compileTimeout()), options.jobs(),
                COMPILER_PATIENCE);
        children = new ChildPool(options.jobs());
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Submission submission : todo) {
                futures.add(pool.submit(() -> {
                    GradebookRow row = gradeOne(submission, gradebook, stubs);
                    progress(done.incrementAndGet(), todo.size(), row, start);
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
            graded = true;
        } finally {
            if (!graded) {
                similarity.cancel(true);
            }
            pool.shutdownNow();
            compilers.close();
            children.close();
            Runtime.getRuntime().removeShutdownHook(cleanup);
        }
        applyManualToKeptRows(gradebook, todo);
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("language", options.locale().getLanguage());
        environment.put("submissions", Integer.toString(gradebook.rows().size()));
        environment.put("reference", reference.manifestSha256().substring(0, 12));
        environment.put("optional task", options.optional().toString());
        environment.put("shard", options.shard() + "/" + options.shards());
        AllureResults.writeClassEnvironment(options.out().resolve(ALLURE_RESULTS), environment, options.locale());
        if (reference.visibility() != Visibility.PUBLIC) {
            AllureResults.writeClassEnvironment(options.out().resolve(STAFF_DIR).resolve(ALLURE_RESULTS), environment, options.locale());
        }
        Similarity.Result compared = null;
        String similarityError = null;
        if (options.similarity() && stubs != null) {
            try {
                compared = similarity.get();
                if (compared != null) {
                    ClassSimilarity.markNearest(compared, gradebook);
                }
            } catch (ExecutionException e) {
                // the grades are written; a failed comparison costs only its own columns
                similarityError = String.valueOf(e.getCause().getMessage());
            } catch (IOException | RuntimeException e) {
                similarityError = String.valueOf(e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        return new Summary(todo.size(), all.size() - todo.size(), gradebook.rows(), phases, (System.nanoTime() - start) / 1e9,
                compared, similarityError, children.childrenStarted(), children.refusals());
    }

    /**
     * Writes what decides the grades (the reference's manifest, the language, the shard, the optional task) beside
     * the gradebook, and on {@code --resume} refuses to continue a gradebook made otherwise: its
     * finished rows would mix two gradings.
     */
    private void recordSettings() throws IOException {
        Properties settings = new Properties();
        settings.setProperty("reference_manifest_sha256", reference.manifestSha256());
        settings.setProperty("language", options.locale().getLanguage());
        settings.setProperty("shard", options.shard() + "/" + options.shards());
        settings.setProperty("optional", options.optional().toString());
        Path file = options.out().resolve(SETTINGS_FILE);
        if (options.resume() && Files.exists(file)) {
            Properties earlier = new Properties();
            try (var in = Files.newInputStream(file)) {
                earlier.load(in);
            }
            if (!earlier.equals(settings)) {
                throw new IOException(file + ": the gradebook was made with " + new TreeMap<>(earlier) + ", this run has "
                        + new TreeMap<>(settings) + "; resume with the same --reference, --lang, --shard and --optional");
            }
        }
        AtomicFiles.write(file, out -> settings.store(out, "what decides the grades of this gradebook"));
    }

    /**
     * The rows kept from an earlier run ({@code --resume}) get the manual points too, in the
     * gradebook and in their reports; the rows graded in this run got them as they were written.
     */
    private void applyManualToKeptRows(Gradebook gradebook, List<Submission> graded) throws IOException {
        ManualPoints manual = options.manual();
        if (manual == null) {
            return;
        }
        Set<String> gradedNow = graded.stream().map(Submission::id).collect(Collectors.toSet());
        List<GradebookRow> kept = gradebook.rows().stream().filter(row -> !gradedNow.contains(row.id())).toList();
        gradebook.putAll(kept.stream().map(manual::apply).toList());
        manual.applyToReports(options.out(), kept.stream().map(GradebookRow::id).toList());
    }

    /** The similarity step over every staged submission, or {@code null} when none was staged. */
    private Similarity.Result compareSimilarity(TemplateStubs stubs) throws IOException {
        Path sources = ClassSimilarity.sources(options.out());
        return Files.isDirectory(sources)
                ? ClassSimilarity.compare(sources, stubs, options.similarityThreshold(), options.out()) : null;
    }

    private GradebookRow gradeOne(Submission submission, Gradebook gradebook, TemplateStubs stubs) throws IOException {
        long start = System.nanoTime();
        String id = submission.id();
        // manual points an earlier run recorded survive regrading
        GradebookRow earlier = gradebook.row(id).orElse(null);
        gradebook.put(GradebookRow.running(id, reference.tasks().size()));
        Path work = options.out().resolve("work").resolve(id);
        Grader grader = new Grader(reference);
        Stage stage = Stage.UNPACK;
        GradebookRow row;
        try {
            Graded outcome;
            List<String> ignored = List.of();
            WrittenAnswers answers = WrittenAnswers.none();
            boolean untouched = false;
            try {
                checkpoint.entering(stage, id);
                AtomicFiles.deleteTree(work);
                Path sources = submission.source();
                List<String> notUnpacked = List.of();
                if (submission.isArchive()) {
                    sources = work.resolve("src");
                    notUnpacked = SubmissionArchive.unpack(submission.source(), sources);
                }
                SourceTree tree = SourceTree.of(sources).withIgnored(notUnpacked);
                ignored = tree.ignored();
                answers = answers(submission, sources);
                untouched = stubs != null && stubs.untouched(sources);
                stage = Stage.COMPILE;
                checkpoint.entering(stage, id);
                outcome = compile(grader, tree, work.resolve("classes"));
                if (outcome == null) {
                    stage = Stage.POLICY;
                    checkpoint.entering(stage, id);
                    outcome = policy(grader, work.resolve("classes"));
                }
                if (outcome == null) {
                    stage = Stage.RUN;
                    checkpoint.entering(stage, id);
                    outcome = run(grader, work.resolve("classes"));
                }
            } catch (SubmissionArchive.UnreadableArchiveException e) {
                outcome = new Graded(grader.failedBeforeRunning(new StudentFailure(FailureKind.UNREADABLE,
                        Text.of("failure.unreadable", e.getMessage())), List.of(e.getMessage())), "");
            }
            stage = Stage.REPORT;
            checkpoint.entering(stage, id);
            row = report(submission, outcome, ignored, answers, untouched, earlier, start);
        } catch (Exception | LinkageError | VirtualMachineError e) { // the grader's own failure, in any stage
            row = GradebookRow.error(id, reference.tasks().size(), graderFailure(stage, e), (System.nanoTime() - start) / 1e9);
        } finally {
            try {
                AtomicFiles.deleteTree(work);
            } catch (IOException | UncheckedIOException e) {
                // the next run of the same id clears it first
            }
        }
        if (earlier != null) {
            row = row.withManual(earlier.manualPoints(), earlier.manualComment());
        }
        if (options.manual() != null) {
            row = options.manual().apply(row);
        }
        gradebook.put(row);
        return row;
    }

    /** One line for the gradebook: the stage the grader failed in and why, and that it is not the submission's fault. */
    static String graderFailure(Stage stage, Throwable e) {
        String message = e.getMessage() == null ? "" : ": " + e.getMessage().strip().lines().findFirst().orElse("");
        return "the grader failed while " + stage.doing + " (" + e.getClass().getSimpleName() + message
                + "); not the submission's fault: --resume grades it again";
    }

    /** The written answers; a file that cannot be read is said on the progress stream and counts as none. */
    private WrittenAnswers answers(Submission submission, Path sources) {
        try {
            return WrittenAnswers.find(sources);
        } catch (UncheckedIOException e) {
            progress.println("warning: " + submission.id() + ": " + e.getMessage() + ": " + e.getCause().getMessage());
            return WrittenAnswers.none();
        }
    }

    /**
     * A submission's report and what it printed.
     *
     * @param report the grading result
     * @param output the submission's captured stdout and stderr, empty when it did not run
     */
    private record Graded(GradeReport report, String output) {
    }

    /** @return the report of a submission that does not compile, or {@code null} when it compiled */
    private Graded compile(Grader grader, SourceTree tree, Path classes) throws InterruptedException {
        long start = System.nanoTime();
        CompilerProcess compiler = compilers.take();
        try {
            compiler.compile(tree, classes);
            return null;
        } catch (CompilationException e) {
            return new Graded(grader.notCompiled(e), "");
        } finally {
            compilers.give(compiler);
            phases.compile.add(System.nanoTime() - start);
        }
    }

    /** @return the report of a submission the bytecode policy refuses, or {@code null} when it may run */
    private Graded policy(Grader grader, Path classes) throws IOException {
        long start = System.nanoTime();
        try {
            List<BytecodePolicy.Violation> violations = BytecodePolicy.check(classes);
            return violations.isEmpty() ? null : new Graded(grader.refused(violations), "");
        } finally {
            phases.policy.add(System.nanoTime() - start);
        }
    }

    private Graded run(Grader grader, Path classes) {
        long start = System.nanoTime();
        // A child that trains nothing long starts quicker with the client compiler alone.
        try (ChildJvmRunner runner = new ChildJvmRunner(classes, new ChildJvmRunner.Limits(options.timeout(), options.memoryMb(),
                options.trainingTimeout(), ChildJvmRunner.Limits.tensorThreadsFor(options.jobs()), options.budget(),
                options.optional() == OptionalMode.OFF), children)) {
            return new Graded(grader.grade(runner, options.optional()), runner.output());
        } finally {
            phases.run.add(System.nanoTime() - start);
        }
    }

    /**
     * Writes the submission's reports, for the student and for staff, and makes its row from the
     * student's: the gradebook's detail line must not carry a private set's expected values either.
     */
    private GradebookRow report(Submission submission, Graded outcome, List<String> ignored, WrittenAnswers answers,
            boolean untouched, GradebookRow earlier, long start) throws IOException {
        long reportStart = System.nanoTime();
        String id = submission.id();
        GradeReport full = outcome.report();
        GradeReport forStudent = Audience.STUDENT.view(full, reference.visibility());
        Path reports = options.out().resolve("submissions").resolve(id);
        JsonReport.write(reportJson(id, forStudent, ignored, answers, earlier), reports.resolve("report.json"));
        Feedback.write(full, id, options.locale(), Audience.STUDENT, reference.visibility(), reports.resolve(Feedback.HTML),
                reports.resolve(Feedback.MARKDOWN));
        byte[] output = outcome.output().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(reports.resolve("output.txt"), out -> out.write(output));
        AllureResults.write(forStudent, options.out().resolve(ALLURE_RESULTS), options.locale(), id,
                task -> reference.task(task).learningRate(), true);
        Path staff = options.out().resolve(STAFF_DIR);
        JsonReport.write(reportJson(id, full, ignored, answers, earlier), staff.resolve("submissions").resolve(id).resolve("report.json"));
        if (forStudent != full) {
            AllureResults.write(full, staff.resolve(ALLURE_RESULTS), options.locale(), id, task -> reference.task(task).learningRate(),
                    true);
        }
        phases.report.add(System.nanoTime() - reportStart);
        return GradebookRow.of(id, forStudent, untouched, (System.nanoTime() - start) / 1e9, options.locale()).withAnswers(answers);
    }

    /** {@code report.json}: the report, what was not compiled, the written answers, the manual points. */
    private ObjectNode reportJson(String id, GradeReport report, List<String> ignored, WrittenAnswers answers, GradebookRow earlier) {
        ObjectNode json = JsonReport.withAnswers(JsonReport.withIgnored(JsonReport.toJson(report, options.locale()), ignored), answers,
                options.locale());
        if (earlier != null) {
            JsonReport.withManual(json, earlier.manualPoints(), earlier.manualComment());
        }
        if (options.manual() != null) {
            options.manual().apply(id, json);
        }
        return json;
    }

    private void progress(int done, int total, GradebookRow row, long start) {
        double elapsed = (System.nanoTime() - start) / 1e9;
        long eta = Math.round(elapsed / done * (total - done));
        int width = 24;
        int filled = total == 0 ? width : done * width / total;
        progress.printf(Locale.ROOT, "[%s%s] %d/%d  ETA %d:%02d  %s %s %s (%.1f s)%n", "#".repeat(filled), ".".repeat(width - filled),
                done, total, eta / 60, eta % 60, Inert.terminal(row.id()), row.status(),
                Double.isNaN(row.score()) ? "-" : String.format(Locale.ROOT, "%.1f", row.score()), row.seconds());
        progress.flush();
    }

    /** On Ctrl-C or a crash, no child JVM may outlive the grader. */
    private static void endChildren() {
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
    }
}
