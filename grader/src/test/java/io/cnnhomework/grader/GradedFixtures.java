package io.cnnhomework.grader;

import io.cnnhomework.grader.exercise.InProcessRunner;
import io.cnnhomework.grader.grading.GradeReport;
import io.cnnhomework.grader.grading.Grader;
import io.cnnhomework.grader.reference.ReferenceSet;
import io.cnnhomework.grader.report.AtomicFiles;
import io.cnnhomework.grader.submission.Homework;
import io.cnnhomework.grader.submission.SubmissionCompiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Fixtures graded in this JVM against the shipped reference, each once per JVM, for tests of what reports show. */
public final class GradedFixtures {

    private static final Map<Path, GradeReport> GRADED = new LinkedHashMap<>();

    private GradedFixtures() {
    }

    /** @return the known-good submission graded */
    public static GradeReport knownGood() {
        return graded(Fixtures.KNOWN_GOOD);
    }

    /** @return the untouched template graded */
    public static GradeReport template() {
        return graded(Fixtures.TEMPLATE);
    }

    /**
     * @param name a known-bad mutation's name, e.g. {@code fc-grad-not-divided}
     * @return it graded
     */
    public static synchronized GradeReport knownBad(String name) {
        Path key = Fixtures.KNOWN_BAD.resolve(name);
        if (GRADED.containsKey(key)) {
            return GRADED.get(key);
        }
        Fixtures.Mutation mutation = Fixtures.knownBad().stream().filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no known-bad mutation " + name));
        try {
            Path dir = Files.createTempDirectory("graded-fixture");
            try {
                GradeReport report = grade(mutation.materialise(dir.resolve(name)));
                GRADED.put(key, report);
                return report;
            } finally {
                AtomicFiles.deleteTree(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param submission a submission's directory
     * @return it graded, in process, without the optional task's training
     */
    public static synchronized GradeReport graded(Path submission) {
        return GRADED.computeIfAbsent(submission, GradedFixtures::grade);
    }

    private static GradeReport grade(Path submission) {
        Grader grader = new Grader(ReferenceSet.load(Fixtures.referenceDir()));
        try {
            Path classes = Files.createTempDirectory("graded-fixture-classes");
            try (URLClassLoader loader = new SubmissionCompiler().compile(submission, classes)) {
                return grader.grade(new InProcessRunner(new Homework(loader)));
            } finally {
                AtomicFiles.deleteTree(classes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
