package io.cnnhomework.grader.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cnnhomework.grader.batch.BatchGrader;
import io.cnnhomework.grader.batch.ClassSimilarity;
import io.cnnhomework.grader.batch.Gradebook;
import io.cnnhomework.grader.dashboard.ClassDashboard;
import io.cnnhomework.grader.batch.GradebookRow;
import io.cnnhomework.grader.batch.ManualPoints;
import io.cnnhomework.grader.batch.SubmissionArchive;
import io.cnnhomework.grader.grading.GradeReport;
import io.cnnhomework.grader.grading.Grader;
import io.cnnhomework.grader.exercise.Deadline;
import io.cnnhomework.grader.exercise.InProcessRunner;
import io.cnnhomework.grader.grading.OptionalTask;
import io.cnnhomework.grader.exercise.OwnNetworkTraining;
import io.cnnhomework.grader.exercise.SubmissionRunner;
import io.cnnhomework.grader.exercise.TrainingInput;
import io.cnnhomework.grader.exercise.TrainingProgress;
import io.cnnhomework.grader.grading.TrainingRun;
import io.cnnhomework.grader.handout.Handout;
import io.cnnhomework.grader.handout.HandoutException;
import io.cnnhomework.grader.messages.Messages;
import io.cnnhomework.grader.messages.Text;
import io.cnnhomework.grader.policy.BytecodePolicy;
import io.cnnhomework.grader.reference.OnnxTensors;
import io.cnnhomework.grader.reference.ReferenceDataException;
import io.cnnhomework.grader.reference.ReferenceSet;
import io.cnnhomework.grader.similarity.Similarity;
import io.cnnhomework.grader.similarity.SimilaritySummary;
import io.cnnhomework.grader.submission.TemplateStubs;
import io.cnnhomework.grader.submission.NoCompilerException;
import io.cnnhomework.grader.report.AtomicFiles;
import io.cnnhomework.grader.report.Audience;
import io.cnnhomework.grader.report.ClassroomResult;
import io.cnnhomework.grader.report.Feedback;
import io.cnnhomework.grader.report.ConsoleReport;
import io.cnnhomework.grader.report.Inert;
import io.cnnhomework.grader.report.JsonReport;
import io.cnnhomework.grader.report.allure.AllureResults;
import io.cnnhomework.grader.submission.CompilationException;
import io.cnnhomework.grader.submission.SourceTree;
import io.cnnhomework.grader.submission.SubmissionCompiler;
import io.cnnhomework.grader.submission.WrittenAnswers;
import io.cnnhomework.tensor.Tensor;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import picocli.CommandLine;

/** Entry point of {@code scripts/grader}. */
public final class GraderCli {

    /** Every task passed. */
    public static final int EXIT_PASSED = 0;
    /** At least one task failed. */
    public static final int EXIT_FAILED = 1;
    /** The command line or the reference data is wrong. */
    public static final int EXIT_ERROR = 2;

    /** System property naming the reference set used without {@code --reference}. */
    public static final String DEFAULT_REFERENCE_PROPERTY = "grader.reference";

    private GraderCli() {
    }

    /**
     * @param args the command line
     */
    public static void main(String[] args) {
        Thread guard = new Thread(GraderCli::exitedEarly, "exit-guard");
        Runtime.getRuntime().addShutdownHook(guard);
        int status = run(List.of(args), System.out, System.err);
        Runtime.getRuntime().removeShutdownHook(guard);
        System.out.flush();
        // Halts threads a timed-out submission may have left running.
        System.exit(status);
    }

    /**
     * Runs when the JVM shuts down before grading finished, which only student code can cause in
     * this process ({@code System.exit}): without it, the CLI would end silently with the status
     * the submission chose, and a script could read that as a pass.
     */
    private static void exitedEarly() {
        System.out.flush();
        System.err.println("error: the submission ended the grader (System.exit or Runtime.exit) before grading finished;"
                + " nothing was graded");
        System.err.flush();
        Runtime.getRuntime().halt(EXIT_ERROR);
    }

    /**
     * Runs a command.
     *
     * @param args the command line
     * @param out where the report goes
     * @param err where errors go
     * @return the exit status
     */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        try {
            return commandLine(out, err, helpLanguage(args)).execute(args.toArray(String[]::new));
        } catch (VirtualMachineError e) {
            err.println("error: the grader itself failed: " + e);
            return EXIT_ERROR;
        }
    }

    /**
     * @param out where reports and help go
     * @param err where errors go
     * @param locale the language of the help and the usage errors
     * @return the command line of {@code scripts/grader}, every command under it
     */
    static CommandLine commandLine(PrintStream out, PrintStream err, Locale locale) {
        CommandLine line = new CommandLine(new Commands.Root(out, err));
        ResourceBundle bundle = Commands.bundle(locale);
        line.setResourceBundle(bundle);
        line.setDefaultValueProvider(new Defaults());
        // a path may start with @ and an option may be repeated: both are words, as before picocli
        line.setExpandAtFiles(false);
        line.setOverwrittenOptionsAllowed(true);
        line.setOut(writer(out));
        line.setErr(writer(err));
        line.setParameterExceptionHandler(new UsageErrors());
        line.setExecutionExceptionHandler((e, command, parsed) -> failed(e, err, bundle));
        return line;
    }

    /**
     * The language of the help and the usage errors: the command line's {@code --lang} as far as it
     * reads as one (it is parsed later, with the rest), else the default.
     */
    static Locale helpLanguage(List<String> args) {
        String given = null;
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--lang") && i + 1 < args.size()) {
                given = args.get(i + 1);
            } else if (args.get(i).startsWith("--lang=")) {
                given = args.get(i).substring("--lang=".length());
            }
        }
        try {
            return Messages.language(given);
        } catch (IllegalArgumentException e) {
            return Messages.language(null);
        }
    }

    /** Text for picocli, through the stream's own encoding. */
    private static PrintWriter writer(PrintStream stream) {
        return new PrintWriter(new Writer() {
            @Override
            public void write(char[] buffer, int offset, int length) {
                stream.print(new String(buffer, offset, length));
            }

            @Override
            public void flush() {
                stream.flush();
            }

            @Override
            public void close() {
                stream.flush();
            }
        }, true);
    }

    /**
     * A command that failed: one line, and exit 2; a stack trace only for a fault of the grader.
     *
     * @return the exit status
     */
    static int failed(Exception failure, PrintStream err, ResourceBundle bundle) {
        if (failure instanceof UsageException usage) {
            // the command line's own words
            err.println("error: " + usage.message(bundle));
        } else if (failure instanceof ReferenceDataException || failure instanceof HandoutException || failure instanceof IOException
                || failure instanceof UncheckedIOException || failure instanceof NoCompilerException) {
            // paths and names in the message may come from submissions: no terminal control sequences
            err.println("error: " + Inert.terminal(String.valueOf(failure.getMessage())));
        } else {
            // a fault of the grader itself: the stack trace is for whoever maintains it
            err.println("error: internal error of the grader: " + Inert.terminal(failure.toString()));
            failure.printStackTrace(err);
        }
        return EXIT_ERROR;
    }

    /** The template's sources in the course repository: what batch and merge compare submissions against. */
    static Path templateSources() {
        return courseRoot().resolve(BatchCommand.TEMPLATE_SOURCES);
    }

    /** The course repository: {@code grader.root}, else the directory holding the default reference set. */
    static Path courseRoot() {
        return HandoutCommand.defaultRoot(System.getProperty(HandoutCommand.ROOT_PROPERTY), System.getProperty(DEFAULT_REFERENCE_PROPERTY));
    }

    private static Locale language(String language) {
        try {
            return Messages.language(language);
        } catch (IllegalArgumentException e) {
            throw UsageException.of("error.lang", language);
        }
    }

    /**
     * Grades one submission as strictly as a batch does, in this JVM: the compilation under
     * {@code --compile-timeout}, the bytecode policy before anything runs (so that no exit, halt or
     * shutdown hook of the submission can choose this command's exit status), each check and task
     * under {@code --timeout} and all of them under {@code --budget}, on threads with the child
     * JVM's stack. What is printed, {@code --json}, {@code --allure}, {@code --classroom} and
     * {@code --feedback} are for students ({@link Audience#view});
     * {@code --staff-json} is the full report.
     */
    static int grade(GradeCommand command, PrintStream out) throws IOException {
        Locale locale = language(command.language());
        boolean archive = GradeCommand.isArchive(command.submission());
        if (!archive && !Files.isDirectory(command.submission())) {
            throw UsageException.of(Files.exists(command.submission()) ? "error.notFolderOrZip" : "error.noSubmission", command.submission());
        }
        for (Path file : Arrays.asList(command.json(), command.staffJson())) {
            if (file != null && Files.isDirectory(file)) {
                throw UsageException.of("error.fileIsDirectory", file);
            }
        }
        if (command.feedback() != null && Files.isDirectory(command.feedback())) {
            throw UsageException.of("error.feedbackIsDirectory", command.feedback());
        }
        ReferenceSet reference = ReferenceSet.load(command.reference());
        Grader grader = new Grader(reference);
        Path temporary = Files.createTempDirectory("grader-classes");
        try {
            Path sources = command.submission();
            List<String> notUnpacked = List.of();
            if (archive) {
                sources = temporary.resolve("submission");
                notUnpacked = SubmissionArchive.unpack(command.submission(), sources);
            }
            SourceTree tree = SourceTree.of(sources).withIgnored(notUnpacked);
            if (tree.sources().isEmpty() && tree.ignored().stream().noneMatch(file -> file.endsWith(".java"))) {
                throw UsageException.of("error.noJava", command.submission());
            }
            return grade(command, grader, reference, tree, sources, temporary.resolve("classes"), locale, out);
        } finally {
            AtomicFiles.deleteTree(temporary);
        }
    }

    /** {@code --json}'s tree: the report, what of the submission was not compiled, the written answers. */
    private static ObjectNode reportJson(GradeReport report, SourceTree tree, WrittenAnswers answers,
            Locale locale) {
        return JsonReport.withAnswers(JsonReport.withIgnored(JsonReport.toJson(report, locale), tree.ignored()), answers, locale);
    }

    /** Grades the sources of a submission, unpacked when it came as an archive, and writes the reports. */
    private static int grade(GradeCommand command, Grader grader, ReferenceSet reference, SourceTree tree, Path sources, Path classes,
            Locale locale, PrintStream out) throws IOException {
        GradeReport report;
        try {
            compileWithin(tree, classes, command.compileTimeout());
            List<BytecodePolicy.Violation> violations = BytecodePolicy.check(classes);
            if (!violations.isEmpty()) {
                report = grader.refused(violations);
            } else {
                try (URLClassLoader loader = SubmissionCompiler.loader(classes)) {
                    // The own network trains for seconds: its progress goes to stderr, the verdict to stdout.
                    report = grader.grade(InProcessRunner.limited(loader, command.taskTimeout(), command.trainingTimeout(), command.budget(),
                            TrainingProgress.console(System.err, locale)), command.optional());
                }
            }
        } catch (CompilationException e) {
            report = grader.notCompiled(e);
        }
        GradeReport forStudent = Audience.STUDENT.view(report, reference.visibility());
        out.print(ConsoleReport.render(forStudent, locale));
        if (!tree.ignored().isEmpty()) {
            out.println(Inert.terminal(Text.of("report.ignored", String.join(", ", SourceTree.listed(tree.ignored()))).render(locale)));
        }
        WrittenAnswers answers = WrittenAnswers.ofSubmission(sources);
        out.print(ConsoleReport.answers(answers, locale));
        if (command.json() != null) {
            JsonReport.write(reportJson(forStudent, tree, answers, locale), command.json());
        }
        if (command.staffJson() != null) {
            JsonReport.write(reportJson(report, tree, answers, locale), command.staffJson());
        }
        if (command.allure() != null) {
            AllureResults.write(forStudent, command.allure(), locale, command.name(), id -> reference.task(id).learningRate());
        }
        if (command.classroom() != null) {
            ClassroomResult.write(forStudent, locale, command.classroom());
        }
        if (command.feedback() != null) {
            Feedback.write(report, command.name(), locale, Audience.STUDENT, reference.visibility(), command.feedback(),
                    GradeCommand.markdownBeside(command.feedback()));
        }
        return report.allPassed() ? EXIT_PASSED : EXIT_FAILED;
    }

    /**
     * Compiles in this JVM on a thread limited, as a batch's compiler process is, by the processor
     * time it uses (javac's type inference can run for minutes over a few nested generic calls, and
     * {@code grade} must end within its limits; a busy machine must not fail an honest submission).
     *
     * @throws CompilationException when the sources do not compile or take longer than the limit
     */
    private static void compileWithin(SourceTree tree, Path classes, Duration limit) {
        FutureTask<Void> compilation = new FutureTask<>(() -> {
            new SubmissionCompiler().compile(tree.root(), tree.sources(), classes);
            return null;
        });
        Thread thread = new Thread(null, compilation, "compile", Deadline.STACK_BYTES);
        thread.setDaemon(true);
        thread.start();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long wallStart = System.nanoTime();
        long backstop = limit.multipliedBy(30).plusMinutes(2).toNanos();
        while (true) {
            try {
                compilation.get(100, TimeUnit.MILLISECONDS);
                return;
            } catch (TimeoutException e) {
                long cpu = threads.isThreadCpuTimeSupported() ? threads.getThreadCpuTime(thread.getId()) : -1;
                long wall = System.nanoTime() - wallStart;
                if (cpu >= 0 ? cpu > limit.toNanos() : wall > limit.toNanos()) {
                    throw CompilationException.tookLongerThan(limit.toMillis() / 1000.0);
                }
                if (wall > backstop) {
                    throw new IllegalStateException("compiling took " + wall / 1_000_000_000L + " s: the machine is too busy");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while compiling", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (e.getCause() instanceof OutOfMemoryError) {
                    throw CompilationException.outOfMemory(Runtime.getRuntime().maxMemory() >> 20);
                }
                throw new IllegalStateException("javac failed: " + e.getCause(), e.getCause());
            }
        }
    }

    static int train(TrainCommand command, PrintStream out) throws IOException {
        Locale locale = language(command.language());
        if (!Files.isDirectory(command.submission())) {
            throw UsageException.of("error.noSubmission", command.submission());
        }
        ReferenceSet reference = ReferenceSet.load(command.reference());
        OptionalTask task = new OptionalTask(reference);
        Map<String, Tensor> initial = command.init() == null ? null
                : OnnxTensors.initializers(readFile(command.init(), "--init"), command.init());
        int[][] order = command.order() == null ? null : readOrder(command.order());
        TrainingInput input;
        try {
            input = task.input(OptionalTask.OWN, null, order, initial, command.seed());
        } catch (IllegalArgumentException e) {
            throw new UsageException(command.order() + ": " + e.getMessage());
        }
        Path classes = Files.createTempDirectory("grader-classes");
        List<TrainingRun> runs = new ArrayList<>();
        try (URLClassLoader loader = new SubmissionCompiler().compile(command.submission(), classes.resolve("classes"))) {
            SubmissionRunner runner = InProcessRunner.limited(loader, command.timeout(), command.timeout());
            for (int i = 0; i < command.repeat(); i++) {
                runs.add(task.score(OptionalTask.OWN, runner.train(input)));
            }
        } catch (CompilationException e) {
            throw UsageException.of("error.notCompiled", e.diagnostics().isEmpty() ? e.getMessage() : e.diagnostics().get(0));
        } finally {
            AtomicFiles.deleteTree(classes);
        }
        double[] seconds = runs.stream().mapToDouble(TrainingRun::seconds).toArray();
        TrainingRun run = runs.stream().sorted(Comparator.comparingDouble(TrainingRun::seconds)).toList().get(runs.size() / 2);
        out.printf(Locale.ROOT, "%s: %d epochs, batch %d, %d parameters, %s%n", OwnNetworkTraining.RECIPE_CLASS, run.epochs(),
                run.batchSize(), run.parameters(), run.optimizer());
        if (runs.size() > 1) {
            out.printf(Locale.ROOT, "%d runs from the same start, seconds %s; the median run:%n", runs.size(), Arrays.toString(seconds));
        }
        out.println(run.message().render(locale));
        if (command.json() != null) {
            ObjectNode json = JsonReport.toJson(run, locale);
            ArrayNode all = json.putArray("all_seconds");
            Arrays.stream(seconds).forEach(all::add);
            JsonReport.write(json, command.json());
        }
        return run.completed() ? EXIT_PASSED : EXIT_FAILED;
    }

    private static byte[] readFile(Path file, String option) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw UsageException.of("error.unreadable", option, file, e.getMessage());
        }
    }

    /** One line per epoch, the row indices separated by commas. */
    private static int[][] readOrder(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file).stream().filter(line -> !line.isBlank()).toList();
        } catch (IOException e) {
            throw UsageException.of("error.unreadable", "--order", file, e.getMessage());
        }
        int[][] order = new int[lines.size()][];
        for (int epoch = 0; epoch < order.length; epoch++) {
            try {
                order[epoch] = Arrays.stream(lines.get(epoch).split(",")).map(String::strip).mapToInt(Integer::parseInt).toArray();
            } catch (NumberFormatException e) {
                throw UsageException.of("error.orderLine", file, epoch + 1, e.getMessage());
            }
        }
        return order;
    }

    static int batch(BatchCommand command, PrintStream out, PrintStream err) throws IOException {
        if (!Files.isDirectory(command.options().submissions())) {
            throw UsageException.of("error.noSubmissions", command.options().submissions());
        }
        ReferenceSet reference = ReferenceSet.load(command.reference());
        BatchGrader.Summary summary = new BatchGrader(reference, command.options(), err).run();
        Map<String, Long> statuses = summary.rows().stream()
                .collect(Collectors.groupingBy(row -> row.status().id(), TreeMap::new, Collectors.counting()));
        double[] phases = summary.phases().seconds();
        out.printf(Locale.ROOT, "graded %d submissions (%d kept from before) in %.1f s: %s%n", summary.graded(), summary.skipped(),
                summary.seconds(), statuses);
        out.printf(Locale.ROOT, "%.2f submissions/s; summed over submissions: compile %.1f s, policy %.1f s, run %.1f s, report %.1f s%n",
                summary.seconds() > 0 ? summary.graded() / summary.seconds() : 0, phases[0], phases[1], phases[2], phases[3]);
        out.printf(Locale.ROOT, "child JVMs started: %d (%d refused a next submission that an earlier one had changed)%n",
                summary.childJvms(), summary.childRefusals());
        out.println("gradebook: " + command.options().out().resolve(Gradebook.FILE_NAME));
        out.println("dashboard: " + ClassDashboard.write(command.options().out(), summary.rows(), command.options().locale()));
        if (command.options().template() == null) {
            err.println("warning: no template stubs (--template DIR): not-attempted submissions and similarity are not detected");
        } else if (summary.similarityError() != null) {
            err.println("error: similarity: " + summary.similarityError());
        } else if (summary.similarity() != null) {
            Similarity.Result similarity = summary.similarity();
            out.printf(Locale.ROOT, "similarity: %d submissions compared in %.1f s, %d pairs at or above %.2f: %s%n",
                    similarity.compared().size(), similarity.seconds(), similarity.above(command.options().similarityThreshold()).size(),
                    command.options().similarityThreshold(), command.options().out().resolve(ClassSimilarity.CSV));
            similarity.skipped().forEach((id, reason) -> out.println("  not compared: " + Inert.terminal(id) + ": " + Inert.terminal(reason)));
        }
        return EXIT_PASSED;
    }

    /**
     * The manual points in the merged rows and in the reports of the batch each id's row came from.
     *
     * @return what the merge's summary line says of them
     */
    private static String applyManual(ManualPoints manual, Gradebook merged, Map<String, Path> origin, PrintStream err)
            throws IOException {
        List<String> ids = merged.rows().stream().map(GradebookRow::id).toList();
        manual.unknown(ids).ifPresent(err::println);
        merged.putAll(merged.rows().stream().map(manual::apply).toList());
        int reports = 0;
        for (String id : ids) {
            reports += manual.applyToReports(origin.get(id), List.of(id));
        }
        long given = ids.stream().filter(manual::has).count();
        return "; manual points for " + given + " of them from " + manual.file() + " (" + reports + " reports updated)";
    }

    static int merge(MergeCommand command, PrintStream out, PrintStream err) throws IOException {
        Gradebook merged = Gradebook.empty(command.out()).withPointColumns(command.pointColumns());
        // where each id's reports are: the batch that holds its finished row
        Map<String, Path> origin = new HashMap<>();
        Locale locale = command.language() == null ? null : language(command.language());
        for (Path input : command.inputs()) {
            Path file = Files.isDirectory(input) ? input.resolve(Gradebook.FILE_NAME) : input;
            if (!Files.isRegularFile(file)) {
                throw UsageException.of("error.noGradebook", file);
            }
            Gradebook gradebook = Gradebook.read(file);
            try {
                merged.merge(gradebook);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            Path batch = file.toAbsolutePath().getParent();
            for (GradebookRow row : gradebook.rows()) {
                if (row.finished() || !origin.containsKey(row.id())) {
                    origin.put(row.id(), batch);
                }
            }
            if (locale == null) {
                locale = batchLanguage(batch);
            }
        }
        String manualNote = command.manual() == null ? "" : applyManual(command.manual(), merged, origin, err);
        merged.write();
        out.println("merged " + merged.rows().size() + " rows from " + command.inputs().size() + " gradebooks into " + command.out()
                + manualNote);
        Path dir = command.out().toAbsolutePath().getParent();
        if (command.similarity() && command.template() != null) {
            compareAcrossBatches(merged, origin, command, dir, out, err);
        }
        List<ClassDashboard.Student> students = merged.rows().stream()
                .map(row -> new ClassDashboard.Student(row, origin.get(row.id()).resolve("submissions").resolve(row.id()))).toList();
        Path dashboard = ClassDashboard.write(dir.resolve(ClassDashboard.FILE_NAME), students,
                SimilaritySummary.read(ClassSimilarity.summary(dir)).orElse(null), locale == null ? language(null) : locale);
        out.println("dashboard: " + dashboard);
        return EXIT_PASSED;
    }

    /**
     * Compares the submissions of every merged batch with each other, from the copies each batch
     * staged: shards compare only their own submissions.
     */
    private static void compareAcrossBatches(Gradebook merged, Map<String, Path> origin, MergeCommand command, Path dir, PrintStream out,
            PrintStream err) throws IOException {
        Path staging = Files.createTempDirectory("grader-merge-similarity");
        try {
            int staged = 0;
            for (GradebookRow row : merged.rows()) {
                Path copy = ClassSimilarity.sources(origin.get(row.id())).resolve(row.id());
                if (Files.isDirectory(copy)) {
                    copyTree(copy, staging.resolve(row.id()));
                    staged++;
                }
            }
            if (staged == 0) {
                err.println("warning: the merged batches staged no sources (graded with --similarity off); the submissions are not compared");
                return;
            }
            Similarity.Result result = ClassSimilarity.compare(staging, TemplateStubs.read(command.template()), command.threshold(), dir,
                    merged);
            out.printf(Locale.ROOT, "similarity: %d submissions compared in %.1f s, %d pairs at or above %.2f: %s%n",
                    result.compared().size(), result.seconds(), result.above(command.threshold()).size(), command.threshold(),
                    dir.resolve(ClassSimilarity.CSV));
        } finally {
            AtomicFiles.deleteTree(staging);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }

    /** The language a batch was graded in, from its settings file, or {@code null}. */
    private static Locale batchLanguage(Path batch) throws IOException {
        Path settings = batch.resolve(BatchGrader.SETTINGS_FILE);
        if (!Files.isRegularFile(settings)) {
            return null;
        }
        Properties properties = new Properties();
        try (var in = Files.newInputStream(settings)) {
            properties.load(in);
        }
        String language = properties.getProperty("language");
        return language == null ? null : language(language);
    }

    /** Writes the student handout from the course repository, with the jars this grader runs from. */
    static int handout(HandoutCommand command, PrintStream out) {
        List<String> files = Handout.write(command.root(), command.out());
        out.println("handout: " + files.size() + " files in " + command.out().toAbsolutePath().normalize());
        return EXIT_PASSED;
    }
}
