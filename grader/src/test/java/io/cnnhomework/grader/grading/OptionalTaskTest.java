package io.cnnhomework.grader.grading;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cnnhomework.grader.Fixtures;
import io.cnnhomework.grader.exercise.InProcessRunner;
import io.cnnhomework.grader.exercise.TrainingProgress;
import io.cnnhomework.grader.exercise.OptimizerChoice;
import io.cnnhomework.grader.exercise.TrainingOutput;
import io.cnnhomework.grader.reference.ReferenceSet;
import io.cnnhomework.grader.report.JsonReport;
import io.cnnhomework.grader.report.plot.OptimizerComparisonPlot;
import io.cnnhomework.grader.submission.Homework;
import io.cnnhomework.grader.submission.SubmissionCompiler;
import io.cnnhomework.tensor.Tensor;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OptionalTaskTest {

    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G'};

    private static ReferenceSet reference;
    private static OptionalTask task;

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() {
        reference = ReferenceSet.load(Fixtures.referenceDir());
        task = new OptionalTask(reference);
    }

    @Test
    void knownGoodNetworkReaches99Percent() throws IOException {
        OptionalGrade grade = grade(Fixtures.KNOWN_GOOD, false);

        TrainingRun own = grade.own();
        assertTrue(grade.attempted());
        assertTrue(grade.passed(), own.message().render(Locale.ENGLISH));
        assertTrue(own.finalAccuracy() >= 0.99, "accuracy " + own.finalAccuracy());
        assertEquals("homework.Adam", own.optimizer());
        assertTrue(own.completed());
        assertEquals(own.epochs(), own.trainLoss().length);
        assertEquals(own.epochs(), own.valAccuracy().length);
        assertTrue(own.parameters() > 1000, "parameters " + own.parameters());
        assertTrue(own.seconds() > 0);
        assertTrue(own.trainLoss()[own.trainLoss().length - 1] < own.trainLoss()[0] / 10, Arrays.toString(own.trainLoss()));
        assertTrue(grade.comparison().isEmpty(), "no comparison unless asked for");
    }

    @Test
    void theComparisonTrainsEveryOptimizerFromTheSameStart() throws IOException {
        List<TrainingProgress.Epoch> told = new ArrayList<>();
        OptionalGrade grade = grade(mutation("return 40;", "return 3;").materialise(tmp.resolve("three-epochs")), true, told::add);

        assertEquals(OptimizerChoice.COMPARISON.stream().map(OptimizerChoice::name).toList(),
                grade.comparison().stream().map(TrainingRun::name).toList());
        for (TrainingRun run : grade.comparison()) {
            assertTrue(run.completed(), run.name() + ": " + run.message().render(Locale.ENGLISH));
            assertEquals(3, run.valAccuracy().length, run.name());
            assertTrue(run.finalAccuracy() > 0.5, run.name() + ": " + run.finalAccuracy());
        }
        assertEquals(3 * (1 + OptimizerChoice.COMPARISON.size()), told.size(), "every epoch of every run tells its progress");
        assertEquals("OwnNetwork", told.get(0).run());
        assertEquals("OwnNetwork [AdamW, wd 1e-2]", told.get(told.size() - 1).run());
        TrainingRun sgd = grade.comparison().get(0);
        assertEquals("homework.SGD", sgd.optimizer());
        assertEquals("homework.AdamW", grade.comparison().get(6).optimizer());
        assertNotEquals(sgd.trainLoss()[0], grade.comparison().get(4).trainLoss()[0], "SGD and Adam train differently");
        assertNotEquals(sgd.trainLoss()[2], grade.comparison().get(1).trainLoss()[2], "weight decay changes SGD's course");
        assertArrayEquals(PNG_MAGIC, Arrays.copyOf(OptimizerComparisonPlot.lossPng(grade, Locale.ENGLISH), 4));
        assertArrayEquals(PNG_MAGIC, Arrays.copyOf(OptimizerComparisonPlot.accuracyPng(grade, Locale.forLanguageTag("ru")), 4));

        JsonNode json = JsonReport.toJson(new GradeReport(List.of(), List.of(), List.of(), grade), Locale.ENGLISH).get("optional");
        assertEquals(grade.passed(), json.get("passed").asBoolean());
        assertEquals(grade.own().finalAccuracy(), json.get("val_accuracy").asDouble());
        assertEquals(OptionalTask.PASS_ACCURACY, json.get("pass_accuracy").asDouble());
        assertEquals(3, json.get("own").get("train_loss").size());
        assertEquals(OptimizerChoice.COMPARISON.size(), json.get("comparison").size());
    }

    @Test
    void theSameSeedTrainsTheSameCurve() throws IOException {
        Path submission = mutation("return 40;", "return 2;").materialise(tmp.resolve("short"));

        TrainingRun first = grade(submission, false).own();
        TrainingRun second = grade(submission, false).own();

        assertEquals(2, first.trainLoss().length);
        assertArrayEquals(first.trainLoss(), second.trainLoss());
        assertArrayEquals(first.valAccuracy(), second.valAccuracy());
    }

    @Test
    void everyEpochReachesTheProgressHookWithItsLossAndTrainingAccuracy() throws IOException {
        Path submission = mutation("return 40;", "return 2;").materialise(tmp.resolve("progress"));
        List<TrainingProgress.Epoch> told = new ArrayList<>();

        TrainingRun own = grade(submission, false, told::add).own();

        assertEquals(List.of(1, 2), told.stream().map(TrainingProgress.Epoch::epoch).toList());
        for (TrainingProgress.Epoch epoch : told) {
            assertEquals("OwnNetwork", epoch.run());
            assertEquals(2, epoch.epochs());
            assertEquals(own.trainLoss()[epoch.epoch() - 1], epoch.trainLoss(), 0.0);
            assertTrue(epoch.trainAccuracy() > 0.5 && epoch.trainAccuracy() <= 1, "accuracy " + epoch.trainAccuracy());
            assertTrue(epoch.seconds() > 0);
        }
        assertTrue(told.get(1).last());
        assertEquals(0.0, told.get(1).etaSeconds(), 0.0);
    }

    @Test
    void untouchedTemplateIsNotAttempted() throws IOException {
        OptionalGrade grade = grade(Fixtures.TEMPLATE, true);

        assertFalse(grade.attempted());
        assertFalse(grade.passed());
        assertEquals("not-implemented", grade.own().failureKind().id());
        assertTrue(grade.comparison().isEmpty(), "no comparison for a network that did not train");
    }

    @Test
    void aNetworkBelowTheBarFailsWithItsAccuracy() throws IOException {
        Fixtures.Mutation oneStep = new Fixtures.Mutation("one-step", "one full-batch step", "homework/OwnNetwork.java",
                List.of(Map.entry("return 40;", "return 1;"), Map.entry("return 64;", "return 1437;")), Set.of(), Set.of(), null, null,
                -1, false, null, null, false);

        OptionalGrade grade = grade(oneStep.materialise(tmp.resolve("one-step")), false);

        assertTrue(grade.attempted());
        assertFalse(grade.passed());
        assertTrue(grade.own().completed());
        assertTrue(grade.own().finalAccuracy() < OptionalTask.PASS_ACCURACY, "accuracy " + grade.own().finalAccuracy());
        assertTrue(grade.own().message().render(Locale.ENGLISH).startsWith("validation accuracy "),
                grade.own().message().render(Locale.ENGLISH));
    }

    @Test
    void anEpochCountOutOfRangeIsAContractFailure() throws IOException {
        OptionalGrade grade = grade(mutation("return 40;", "return 0;").materialise(tmp.resolve("zero")), false);

        assertFalse(grade.passed());
        assertEquals("contract", grade.own().failureKind().id());
        assertEquals("OwnNetwork.epochs returned 0: it must be between 1 and 1000", grade.own().message().render(Locale.ENGLISH));
    }

    @Test
    void scoringTakesTheFirstMaximumAndTheMeanCrossEntropy() {
        int valRows = reference.digits().valIndex().length;
        int[] labels = reference.digits().labels(reference.digits().valIndex());
        float[] logits = new float[valRows * 10];
        for (int i = 0; i < valRows; i++) {
            logits[i * 10 + (i < valRows / 2 ? labels[i] : (labels[i] + 1) % 10)] = 5f;
        }
        TrainingOutput output = new TrainingOutput(1, 64, 10, "homework.SGD", new double[] {0.5},
                List.of(Tensor.of(logits, valRows, 10)), 0.1, null);

        TrainingRun run = task.score("own", output);

        assertEquals((double) (valRows / 2) / valRows, run.finalAccuracy(), 1e-12);
        double right = Math.log(Math.exp(5) + 9) - 5;
        double wrong = Math.log(Math.exp(5) + 9);
        assertEquals(((valRows / 2) * right + (valRows - valRows / 2) * wrong) / valRows, run.valLoss()[0], 1e-9);
    }

    @Test
    void aDivergedRunSaysSo() {
        TrainingOutput output = new TrainingOutput(5, 64, 10, "homework.SGD", new double[] {2.3, Double.NaN},
                List.of(Tensor.zeros(reference.digits().valIndex().length, 10), Tensor.zeros(reference.digits().valIndex().length, 10)),
                0.1, null);

        TrainingRun run = task.score("SGD", output);

        assertFalse(run.completed());
        assertEquals("the training loss became infinite or NaN in epoch 2: the optimizer diverged", run.message().render(Locale.ENGLISH));
    }

    private static Fixtures.Mutation mutation(String from, String to) {
        return new Fixtures.Mutation("recipe", "a changed recipe", "homework/OwnNetwork.java", List.of(Map.entry(from, to)), Set.of(),
                Set.of(), null, null, -1, false, null, null, false);
    }

    private OptionalGrade grade(Path submission, boolean compare) throws IOException {
        return grade(submission, compare, TrainingProgress.SILENT);
    }

    private OptionalGrade grade(Path submission, boolean compare, TrainingProgress progress) throws IOException {
        Path classes = tmp.resolve("classes-" + System.nanoTime());
        try (URLClassLoader loader = new SubmissionCompiler().compile(submission, classes)) {
            return task.grade(new InProcessRunner(new Homework(loader), progress), compare);
        }
    }
}
