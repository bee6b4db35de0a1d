package io.cnnhomework.grader.batch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cnnhomework.grader.batch.Submissions.Submission;
import io.cnnhomework.grader.grading.GradeReport;
import io.cnnhomework.grader.grading.Grader;
import io.cnnhomework.grader.isolation.ChildJvmRunner;
import io.cnnhomework.grader.messages.Text;
import io.cnnhomework.grader.policy.BytecodePolicy;
import io.cnnhomework.grader.reference.ReferenceSet;
import io.cnnhomework.grader.report.AtomicFiles;
import io.cnnhomework.grader.report.Audience;
import io.cnnhomework.grader.report.Feedback;
import io.cnnhomework.grader.report.JsonReport;
import io.cnnhomework.grader.report.allure.AllureResults;
import io.cnnhomework.grader.similarity.Similarity;
import io.cnnhomework.grader.submission.CompilationException;
import io.cnnhomework.grader.submission.FailureKind;
import io.cnnhomework.grader.submission.StudentFailure;
import io.cnnhomework.grader.submission.SubmissionCompiler;
import io.cnnhomework.grader.submission.TemplateStubs;
import io.cnnhomework.grader.submission.WrittenAnswers;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * Grades a directory of submissions. Each one: a provisional gradebook row, then compile (against
 * the student API only), the bytecode policy, a run in its own child JVM with a memory and time
 * limit, the reports (JSON, the student's feedback page, captured output, Allure results), and the final row. One bad
 * submission never stops the batch; the gradebook is rewritten atomically after every row.
 */
public final class BatchGrader {

    /** Beside the gradebook: the settings it was graded with, checked by {@code --resume}. */
    public static final String SETTINGS_FILE = "batch.properties";
    /** The batch's Allure results, one report for the class. */
    public static final String ALLURE_RESULTS = "allure-results";

    private final ReferenceSet reference;
    private final BatchOptions options;
    private final PrintStream progress;
    private final SubmissionCompiler compiler = new SubmissionCompiler();
    private final Phases phases = new Phases();

    /**
     * @param reference the reference to grade against
     * @param options how to grade
     * @param progress where the progress lines go
     */
    public BatchGrader(ReferenceSet reference, BatchOptions options, PrintStream progress) {
        this.reference = reference;
        this.options = options;
        this.progress = progress;
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
     */
    public record Summary(int graded, int skipped, List<GradebookRow> rows, Phases phases, double seconds,
            Similarity.Result similarity, String similarityError) {
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
        ExecutorService pool = Executors.newFixedThreadPool(options.jobs());
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
        } finally {
            pool.shutdownNow();
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
        Similarity.Result similarity = null;
        String similarityError = null;
        if (options.similarity() && stubs != null && Files.isDirectory(ClassSimilarity.sources(options.out()))) {
            try {
                similarity = ClassSimilarity.compare(ClassSimilarity.sources(options.out()), stubs, options.similarityThreshold(),
                        options.out(), gradebook);
            } catch (IOException | RuntimeException e) {
                // the grades are written; a failed comparison costs only its own columns
                similarityError = String.valueOf(e.getMessage());
            }
        }
        return new Summary(todo.size(), all.size() - todo.size(), gradebook.rows(), phases, (System.nanoTime() - start) / 1e9,
                similarity, similarityError);
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

    private GradebookRow gradeOne(Submission submission, Gradebook gradebook, TemplateStubs stubs) throws IOException {
        long start = System.nanoTime();
        // manual points an earlier run recorded survive regrading
        GradebookRow earlier = gradebook.row(submission.id()).orElse(null);
        gradebook.put(GradebookRow.running(submission.id(), reference.tasks().size()));
        Path work = options.out().resolve("work").resolve(submission.id());
        Path reports = options.out().resolve("submissions").resolve(submission.id());
        Graded outcome;
        boolean untouched = false;
        WrittenAnswers answers = WrittenAnswers.none();
        try {
            AtomicFiles.deleteTree(work);
            Path sources = submission.source();
            if (submission.isArchive()) {
                sources = work.resolve("src");
                Submissions.unzip(submission.source(), sources);
            }
            untouched = stubs != null && stubs.untouched(sources);
            if (options.similarity() && stubs != null) {
                ClassSimilarity.stage(options.out(), submission.id(), sources);
            }
            answers = answers(submission, sources);
            outcome = compileCheckAndRun(sources, work.resolve("classes"));
        } catch (IOException | UncheckedIOException e) {
            outcome = new Graded(new Grader(reference).failedBeforeRunning(new StudentFailure(FailureKind.CRASHED,
                    Text.of("failure.unreadable", e.getMessage())), List.of(String.valueOf(e.getMessage()))), "");
        }
        long reportStart = System.nanoTime();
        GradeReport graded = outcome.report();
        ObjectNode json = JsonReport.withAnswers(JsonReport.toJson(graded, options.locale()), answers, options.locale());
        if (earlier != null) {
            JsonReport.withManual(json, earlier.manualPoints(), earlier.manualComment());
        }
        if (options.manual() != null) {
            options.manual().apply(submission.id(), json);
        }
        JsonReport.write(json, reports.resolve("report.json"));
        Feedback.write(graded, submission.id(), options.locale(), Audience.STUDENT, reference.visibility(), reports.resolve(Feedback.HTML),
                reports.resolve(Feedback.MARKDOWN));
        byte[] output = outcome.output().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(reports.resolve("output.txt"), out -> out.write(output));
        AllureResults.write(graded, options.out().resolve(ALLURE_RESULTS), options.locale(), submission.id(),
                id -> reference.task(id).learningRate(), true);
        phases.report.add(System.nanoTime() - reportStart);
        AtomicFiles.deleteTree(work);
        GradebookRow row = GradebookRow.of(submission.id(), graded, untouched, (System.nanoTime() - start) / 1e9, options.locale())
                .withAnswers(answers);
        if (earlier != null) {
            row = row.withManual(earlier.manualPoints(), earlier.manualComment());
        }
        if (options.manual() != null) {
            row = options.manual().apply(row);
        }
        gradebook.put(row);
        return row;
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

    private Graded compileCheckAndRun(Path sources, Path classes) throws IOException {
        Grader grader = new Grader(reference);
        long t0 = System.nanoTime();
        try {
            compiler.compile(sources, classes).close();
        } catch (CompilationException e) {
            phases.compile.add(System.nanoTime() - t0);
            return new Graded(grader.notCompiled(e), "");
        }
        long t1 = System.nanoTime();
        phases.compile.add(t1 - t0);
        List<BytecodePolicy.Violation> violations = BytecodePolicy.check(classes);
        phases.policy.add(System.nanoTime() - t1);
        if (!violations.isEmpty()) {
            List<String> lines = violations.stream().map(BytecodePolicy.Violation::describe).toList();
            return new Graded(grader.failedBeforeRunning(new StudentFailure(FailureKind.POLICY, Text.of("failure.policy", lines.get(0))), lines), "");
        }
        long t2 = System.nanoTime();
        try (ChildJvmRunner runner = new ChildJvmRunner(classes,
                new ChildJvmRunner.Limits(options.timeout(), options.memoryMb(), options.trainingTimeout(),
                        ChildJvmRunner.Limits.tensorThreadsFor(options.jobs())))) {
            return new Graded(grader.grade(runner, options.optional()), runner.output());
        } finally {
            phases.run.add(System.nanoTime() - t2);
        }
    }

    private void progress(int done, int total, GradebookRow row, long start) {
        double elapsed = (System.nanoTime() - start) / 1e9;
        long eta = Math.round(elapsed / done * (total - done));
        int width = 24;
        int filled = total == 0 ? width : done * width / total;
        progress.printf(Locale.ROOT, "[%s%s] %d/%d  ETA %d:%02d  %s %s %.1f (%.1f s)%n", "#".repeat(filled), ".".repeat(width - filled),
                done, total, eta / 60, eta % 60, row.id(), row.status(), row.score(), row.seconds());
        progress.flush();
    }

    /** On Ctrl-C or a crash, no child JVM may outlive the grader. */
    private static void endChildren() {
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
    }
}
