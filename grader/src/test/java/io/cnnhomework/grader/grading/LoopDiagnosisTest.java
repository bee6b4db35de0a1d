package io.cnnhomework.grader.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnhomework.grader.Fixtures;
import io.cnnhomework.grader.exercise.InProcessRunner;
import io.cnnhomework.grader.exercise.Loop;
import io.cnnhomework.grader.exercise.TaskInput;
import io.cnnhomework.grader.exercise.TaskOutput;
import io.cnnhomework.grader.messages.Messages;
import io.cnnhomework.grader.messages.Text;
import io.cnnhomework.grader.reference.ReferenceSet;
import io.cnnhomework.grader.reference.ReferenceTask;
import io.cnnhomework.grader.reference.SeedSets;
import io.cnnhomework.grader.submission.FailureKind;
import io.cnnhomework.grader.submission.Homework;
import io.cnnhomework.grader.submission.StudentFailure;
import io.cnnhomework.grader.submission.SubmissionCompiler;
import io.cnnhomework.tensor.Tensor;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LoopDiagnosisTest {

    private static URLClassLoader knownGood;

    @BeforeAll
    static void compileTheKnownGood(@TempDir Path classes) {
        knownGood = new SubmissionCompiler().compile(Fixtures.KNOWN_GOOD, classes);
    }

    @AfterAll
    static void close() throws IOException {
        knownGood.close();
    }

    /**
     * The shipped reference, the hidden one and the compact sets of seeds 1–10: other initial
     * weights, the same data.
     */
    static Stream<Named<ReferenceSet>> references() {
        Stream<Named<ReferenceSet>> shipped = Stream.of(Named.of("shipped", ReferenceSet.load(Fixtures.referenceDir())),
                Named.of("hidden", ReferenceSet.load(Path.of("src/test/resources/hidden-reference"))));
        return Stream.concat(shipped, SeedSets.SEEDS.stream().map(seed -> Named.of("seed " + seed, SeedSets.load(seed))));
    }

    /**
     * A mistake is recognised by its curves, so every mistake's curves, on the known-good layers,
     * must fail PyTorch's and must differ from every other mistake's by far more than the rule that
     * matches them with a student's: otherwise a hint could name the wrong mistake.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("references")
    void everyLoopMistakeIsTellableFromTheRightLoopAndFromEveryOther(ReferenceSet reference) {
        ReferenceTask task = reference.task("task3");
        TaskInput input = new ExerciseInputs(reference).task(task);
        Map<Loop, TaskOutput> curves = new EnumMap<>(Loop.class);
        InProcessRunner runner = new InProcessRunner(new Homework(knownGood));
        for (Loop loop : Loop.values()) {
            TaskOutput output = runner.runTask(input.withLoop(loop));
            assertNull(output.failure(), loop + ": " + output.failure());
            curves.put(loop, output);
        }

        assertEquals(Loop.STUDENT, input.loop(), "task 3 trains with the student's own loop");
        for (Loop correct : List.of(Loop.NOTEBOOK, Loop.STUDENT)) {
            assertTrue(LossCurveCheck.grade(task, curves.get(correct)).passed(), correct + " on the known-good layers");
        }
        for (Loop mistake : Loop.mistakes()) {
            assertFalse(LossCurveCheck.grade(task, curves.get(mistake)).passed(), mistake + " passes: it would never be caught");
            for (Loop other : Loop.mistakes()) {
                if (other != mistake) {
                    double apart = distance(curves.get(mistake), curves.get(other));
                    assertTrue(apart > 100 * LossCurveCheck.PASS_THRESHOLD, mistake + " and " + other + " are only " + apart + " apart");
                }
            }
        }
    }

    private static double distance(TaskOutput a, TaskOutput b) {
        return Math.max(LossCurveCheck.summedError(a.trainLoss(), b.trainLoss()), LossCurveCheck.summedError(a.valLoss(), b.valLoss()));
    }

    @Test
    void everyLoopMistakeHasItsHintInBothLanguages() {
        for (Loop mistake : Loop.mistakes()) {
            Hint hint = LoopDiagnosis.hint(mistake);
            assertEquals("loop-" + mistake.id(), hint.id());
            String english = hint.text().render(Locale.ENGLISH);
            String russian = hint.text().render(Messages.RUSSIAN);
            assertNotEquals(english, russian, mistake.id());
            assertFalse(english.startsWith("hint."), english);
        }
    }

    // ---- the verdict, from curves made up for the purpose ----

    private static final double[] TRAIN = {2.0, 1.5, 1.0};
    private static final double[] VAL = {2.2, 2.1, 2.0};

    private static ReferenceTask task() {
        Tensor x = Tensor.zeros(2, 1, 8, 8);
        return new ReferenceTask("task3", "TorchGradientModel2", 3, 1.0, 10, 8, x, new int[] {0, 1}, x, new int[] {0, 1}, Map.of(),
                TRAIN, VAL, Map.of());
    }

    private static TaskOutput curves(double[] train, double[] val) {
        return new TaskOutput(train, val, null, null, List.of(), null);
    }

    private static TaskOutput failed(String message) {
        return new TaskOutput(new double[0], new double[0], null, null, List.of(),
                new StudentFailure(FailureKind.NOT_IMPLEMENTED, Text.of("failure.not-implemented", message, "")));
    }

    @Test
    void aStudentLoopWhoseCurvesAreAMistakesGetsThatMistakesHint() {
        ReferenceTask task = task();
        TaskOutput student = curves(TRAIN, new double[] {2.5, 2.4, 2.3});
        Map<Loop, TaskOutput> mistakes = new EnumMap<>(Loop.class);
        mistakes.put(Loop.VALIDATES_IN_TRAIN_MODE, curves(TRAIN, new double[] {2.6, 2.4, 2.3}));
        mistakes.put(Loop.VALIDATES_BEFORE_STEP, curves(TRAIN, new double[] {2.5, 2.4, 2.3 + 0.5e-3}));

        TaskGrade grade = LoopDiagnosis.layersRight(task, LossCurveCheck.grade(task, student), student,
                LossCurveCheck.grade(task, curves(TRAIN, VAL)), mistakes);

        assertFalse(grade.passed());
        assertEquals("loop-validates-before-step", grade.hint().id());
        assertEquals("your loop's curves differ from PyTorch's (summed error 0.00e+00 training, 9.00e-01 validation; validation curve:"
                + " epoch 0 differs first: expected 2.200000, got 2.500000), while the grader's own loop with your layers matches"
                + " (summed error 0.00e+00; validation 0.00e+00): the layers are right and the loop is not", grade.message().toString());
    }

    @Test
    void aLoopMatchingNoKnownMistakeStillSaysTheLayersAreRightWithoutAHint() {
        ReferenceTask task = task();
        TaskOutput student = curves(new double[] {2.0, 1.9, 1.8}, VAL);

        TaskGrade grade = LoopDiagnosis.layersRight(task, LossCurveCheck.grade(task, student), student,
                LossCurveCheck.grade(task, curves(TRAIN, VAL)), Map.of(Loop.STEP_NOT_APPLIED, curves(new double[] {2.0, 2.0, 2.0}, VAL)));

        assertNull(grade.hint());
        assertTrue(grade.message().toString().contains("training curve: epoch 1 differs first: expected 1.500000, got 1.900000"),
                grade.message().toString());
    }

    @Test
    void aMissingLoopWithRightLayersSaysSoInOneLineKeepingTheFailure() {
        ReferenceTask task = task();
        TaskOutput student = failed("DigitsTraining.train: write it");

        TaskGrade grade = LoopDiagnosis.layersRight(task, LossCurveCheck.grade(task, student), student,
                LossCurveCheck.grade(task, curves(TRAIN, VAL)), Map.of());

        assertEquals(FailureKind.NOT_IMPLEMENTED, grade.failureKind());
        String message = grade.message().toString();
        assertTrue(message.startsWith("not implemented: DigitsTraining.train: write it. Your layers are right"), message);
        assertFalse(message.contains("\n"), message);
    }

    @Test
    void whenBothLoopsFailAlikeTheStudentsVerdictStandsAlone() {
        ReferenceTask task = task();
        TaskOutput student = failed("DigitsPreparation.prepare: select the split");
        TaskGrade grade = LossCurveCheck.grade(task, student);
        TaskOutput layers = failed("DigitsPreparation.prepare: select the split");

        assertSame(grade, LoopDiagnosis.layersWrong(task, grade, student, LossCurveCheck.grade(task, layers), layers));
    }

    @Test
    void aLoopThatFollowsTheGradersOnWrongLayersLeavesTheVerdictToTheLayers() {
        ReferenceTask task = task();
        TaskOutput student = curves(new double[] {2.0, 1.7, 1.4}, VAL);
        TaskOutput layers = curves(new double[] {2.0, 1.7, 1.4 + 1e-6}, VAL);
        TaskGrade grade = LossCurveCheck.grade(task, student);

        assertSame(grade, LoopDiagnosis.layersWrong(task, grade, student, LossCurveCheck.grade(task, layers), layers));
    }

    @Test
    void wrongLayersAndAnotherLoopFailureShowBoth() {
        ReferenceTask task = task();
        TaskOutput student = failed("DigitsTraining.train: write it");
        TaskOutput layers = curves(new double[] {2.0, 1.7, 1.4}, VAL);

        TaskGrade grade = LoopDiagnosis.layersWrong(task, LossCurveCheck.grade(task, student), student,
                LossCurveCheck.grade(task, layers), layers);

        assertEquals("not implemented: DigitsTraining.train: write it; the grader's own loop with your layers does not match PyTorch"
                + " either, so fix the layers first: summed loss error 6.00e-01 \u2265 1.00e-03; epoch 1 differs first: expected"
                + " 1.500000, got 1.700000. Epoch 0 matches, so forward and loss are right: look at backward and the SGD step",
                grade.message().toString());
        assertEquals(FailureKind.NOT_IMPLEMENTED, grade.failureKind());
    }
}
