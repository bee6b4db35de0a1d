package io.cnnhomework.grader.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnhomework.grader.Fixtures;
import io.cnnhomework.grader.exercise.InProcessRunner;
import io.cnnhomework.grader.exercise.LayerOutput;
import io.cnnhomework.grader.exercise.SubmissionRunner;
import io.cnnhomework.grader.exercise.TaskOutput;
import io.cnnhomework.grader.reference.Float64Training;
import io.cnnhomework.grader.reference.LayerCase;
import io.cnnhomework.grader.reference.ReferenceSet;
import io.cnnhomework.grader.reference.ReferenceTask;
import io.cnnhomework.grader.reference.SeedSets;
import io.cnnhomework.grader.submission.Homework;
import io.cnnhomework.grader.submission.SubmissionCompiler;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A grader's first duty: never fail a correct solution. Solutions that round differently from
 * PyTorch's float32 kernels pass every layer check and every task on seeds 1–10 and on the shipped
 * and hidden sets: PyTorch's own float64 results, a submission in double end to end, one in float
 * with other summation orders and direct loops, and the known-good one.
 */
class CorrectRoundingTest {

    private static final List<String> SUBMISSIONS = List.of("float64", "float32-reordered", "known-good");

    @TempDir
    static Path classes;

    private static final Map<String, URLClassLoader> LOADERS = new LinkedHashMap<>();

    @BeforeAll
    static void compile() {
        for (String name : SUBMISSIONS) {
            Path dir = name.equals("known-good") ? Fixtures.KNOWN_GOOD : Fixtures.ROUNDING.resolve(name);
            LOADERS.put(name, new SubmissionCompiler().compile(dir, classes.resolve(name)));
        }
    }

    @AfterAll
    static void close() throws IOException {
        for (URLClassLoader loader : LOADERS.values()) {
            loader.close();
        }
    }

    private static List<ReferenceSet> everySet() {
        List<ReferenceSet> sets = new ArrayList<>(SeedSets.all());
        sets.add(ReferenceSet.load(Fixtures.referenceDir()));
        sets.add(ReferenceSet.load(Fixtures.HIDDEN_REFERENCE));
        return sets;
    }

    private static String label(ReferenceSet set) {
        return set.root().getFileName() + " (seed " + set.manifest().seed() + ")";
    }

    @Test
    void pytorchsFloat64ResultsPassEveryLayerCheckOnEverySeed() {
        for (ReferenceSet set : SeedSets.all()) {
            for (LayerCase layerCase : set.layerCases()) {
                LayerCheck check = LayerParity.check(layerCase, new LayerOutput(layerCase.float64(), null));
                assertTrue(check.passed(), label(set) + " " + layerCase.name() + ": " + check.message());
            }
        }
    }

    @Test
    void pytorchsFloat64TrainingPassesEveryTaskOnEverySeed() {
        for (ReferenceSet set : SeedSets.all()) {
            for (ReferenceTask task : set.tasks()) {
                Float64Training float64 = task.float64();
                TaskGrade grade = LossCurveCheck.grade(task, new TaskOutput(float64.trainLoss(), float64.valLoss(), List.of(), null));
                assertTrue(grade.passed(), label(set) + " " + task.id() + ": " + grade.message());
                assertTrue(grade.summedError() < 1e-5, label(set) + " " + task.id() + ": " + grade.summedError());
            }
        }
    }

    @Test
    void correctSubmissionsThatRoundDifferentlyPassEveryCheckAndTaskOnEverySet() {
        Map<String, double[]> worst = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        for (ReferenceSet set : everySet()) {
            Grader grader = new Grader(set);
            for (Map.Entry<String, URLClassLoader> submission : LOADERS.entrySet()) {
                SubmissionRunner runner = new InProcessRunner(new Homework(submission.getValue()));
                GradeReport report = grader.grade(runner);
                String where = submission.getKey() + " on " + label(set);
                report.checks().stream().filter(check -> !check.passed())
                        .forEach(check -> failures.add(where + ": " + check.caseName() + ": " + check.message()));
                report.tasks().stream().filter(task -> !task.passed())
                        .forEach(task -> failures.add(where + ": " + task.id() + ": " + task.message()));
                double[] figures = worst.computeIfAbsent(submission.getKey(), key -> new double[3]);
                for (LayerCase layerCase : set.layerCases()) {
                    figures[0] = Math.max(figures[0], ToleranceUse.worst(layerCase, runner.runLayer(ExerciseInputs.layer(layerCase))));
                }
                for (TaskGrade task : report.tasks()) {
                    figures[1] = Math.max(figures[1], task.summedError());
                    figures[2] = Double.isNaN(task.valSummedError()) ? figures[2] : Math.max(figures[2], task.valSummedError());
                }
            }
        }
        worst.forEach((name, figures) -> System.out.printf(
                "%s: layer tensors use at most %.2f of their tolerance; tasks' summed error at most %.1e (validation %.1e)%n",
                name, figures[0], figures[1], figures[2]));
        assertEquals(List.of(), failures, failures.stream().collect(Collectors.joining("\n")));
    }
}
