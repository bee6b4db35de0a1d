package io.cnnhomework.grader.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnhomework.grader.Fixtures;
import io.cnnhomework.grader.Fixtures.Mutation;
import io.cnnhomework.grader.exercise.InProcessRunner;
import io.cnnhomework.grader.exercise.LayerOutput;
import io.cnnhomework.grader.exercise.SubmissionRunner;
import io.cnnhomework.grader.reference.LayerCase;
import io.cnnhomework.grader.reference.ReferenceSet;
import io.cnnhomework.grader.reference.SeedSets;
import io.cnnhomework.grader.submission.Homework;
import io.cnnhomework.grader.submission.SubmissionCompiler;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every known mistake fails the layer checks it names by far more than their tolerance, on the
 * shipped set, the hidden one and seeds 1–10: for each case the smallest mistake's error is at
 * least {@value #MARGIN} times the tolerance, so the derived tolerances admit correct rounding
 * without letting a real mistake through. On the shipped set each fails exactly its checks.
 */
class KnownBadMarginsTest {

    /** How many times its tolerance the smallest mistake must use. */
    private static final double MARGIN = 10;

    @TempDir
    Path tmp;

    /** A mistake's use of a case's tolerance, and where. */
    private record Use(double use, String where) {

        Use smaller(Use other) {
            return use <= other.use ? this : other;
        }

        @Override
        public String toString() {
            return (Double.isInfinite(use) ? "inf" : String.format(Locale.ROOT, "%.3g", use)) + " (" + where + ")";
        }
    }

    @Test
    void everyKnownMistakeFailsItsChecksOnEverySetByTenTimesTheTolerance() throws IOException {
        ReferenceSet shipped = ReferenceSet.load(Fixtures.referenceDir());
        List<ReferenceSet> sets = new ArrayList<>(List.of(shipped, ReferenceSet.load(Fixtures.HIDDEN_REFERENCE)));
        sets.addAll(SeedSets.all());
        Map<String, Use> smallest = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        List<String> alsoFailing = new ArrayList<>();
        for (Mutation mutation : Fixtures.knownBad()) {
            if (mutation.checks().isEmpty() || mutation.checks().size() == shipped.layerCases().size()) {
                continue; // a mistake the layer checks cannot see, or one that stops every check (no compilation)
            }
            Path source = mutation.materialise(tmp.resolve(mutation.name()));
            try (URLClassLoader loader = new SubmissionCompiler().compile(source, tmp.resolve(mutation.name() + "-classes"))) {
                SubmissionRunner runner = new InProcessRunner(new Homework(loader));
                for (ReferenceSet set : sets) {
                    String where = mutation.name() + " on " + set.root().getFileName();
                    Set<String> failed = new TreeSet<>();
                    for (LayerCase layerCase : set.layerCases()) {
                        LayerOutput output = runner.runLayer(ExerciseInputs.layer(layerCase));
                        boolean passed = LayerParity.check(layerCase, output).passed();
                        Use use = new Use(output.failure() != null ? Double.POSITIVE_INFINITY : ToleranceUse.worst(layerCase, output),
                                where);
                        if (mutation.checks().contains(layerCase.name())) {
                            smallest.merge(layerCase.name(), use, Use::smaller);
                            if (passed) {
                                wrong.add(where + " passes " + layerCase.name());
                            }
                        } else if (!passed) {
                            failed.add(layerCase.name());
                            alsoFailing.add(layerCase.name() + ": " + use);
                        }
                    }
                    if (set == shipped && !failed.isEmpty()) {
                        wrong.add(where + " also fails " + failed);
                    }
                }
            }
        }
        System.out.println("smallest mistake's error / tolerance, per layer case (mistake, set):");
        smallest.forEach((name, use) -> System.out.printf(Locale.ROOT, "  %-28s %s%n", name, use));
        // Mistakes whose effect on a case they do not name is small: failing there is no error.
        alsoFailing.forEach(line -> System.out.println("  also failing " + line));
        assertEquals(List.of(), wrong, String.join("\n", wrong));
        List<String> narrow = smallest.entrySet().stream().filter(e -> !(e.getValue().use() >= MARGIN))
                .map(e -> e.getKey() + ": " + e.getValue()).toList();
        assertTrue(narrow.isEmpty(), "mistakes within " + MARGIN + "× the tolerance:\n" + String.join("\n", narrow));
    }
}
