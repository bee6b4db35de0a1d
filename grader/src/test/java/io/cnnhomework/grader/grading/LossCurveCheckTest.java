package io.cnnhomework.grader.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnhomework.grader.exercise.TaskOutput;
import io.cnnhomework.grader.messages.Text;
import io.cnnhomework.grader.reference.ReferenceTask;
import io.cnnhomework.grader.submission.FailureKind;
import io.cnnhomework.grader.submission.StudentFailure;
import io.cnnhomework.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LossCurveCheckTest {

    private static final double[] EXPECTED = {0.9, 0.5, 0.2};

    private static ReferenceTask task(double[] trainLoss, double[] valLoss) {
        Tensor x = Tensor.zeros(2, 1, 5, 5);
        return new ReferenceTask("taskX", "TorchGradientModel", trainLoss.length, 1.0, 2, 5, x, new int[] {0, 1},
                valLoss == null ? null : x, valLoss == null ? null : new int[] {0, 1}, Map.of(), trainLoss, valLoss, Map.of());
    }

    private static TaskOutput output(double... trainLoss) {
        return new TaskOutput(trainLoss, null, List.of(), null);
    }

    @Test
    void summedErrorJustBelowTheSeedsBarPasses() {
        TaskGrade grade = LossCurveCheck.grade(task(EXPECTED, null), output(0.9, 0.5, 0.2 + 0.99e-3));

        assertTrue(grade.passed(), grade.message().toString());
        assertEquals(0.99e-3, grade.summedError(), 1e-12);
    }

    @Test
    void summedErrorAtTheBarFailsAndNamesTheFirstEpochThatDiffers() {
        TaskGrade grade = LossCurveCheck.grade(task(EXPECTED, null), output(0.9, 0.5 + 0.6e-3, 0.2 + 0.4e-3));

        assertFalse(grade.passed());
        assertTrue(grade.message().toString().startsWith("summed loss error 1.00e-03 \u2265 1.00e-03; epoch 1 differs first: expected 0.500000, got 0.500600"),
                grade.message().toString());
    }

    @Test
    void wrongFirstEpochPointsAtTheForwardPass() {
        TaskGrade grade = LossCurveCheck.grade(task(EXPECTED, null), output(1.2, 0.5, 0.2));

        assertTrue(grade.message().toString().contains("the forward pass or the loss is wrong"), grade.message().toString());
    }

    @Test
    void nanNeverPasses() {
        TaskGrade grade = LossCurveCheck.grade(task(EXPECTED, null), output(0.9, Double.NaN, 0.2));

        assertFalse(grade.passed());
        assertTrue(grade.message().toString().startsWith("the loss is NaN at epoch 1"), grade.message().toString());
    }

    @Test
    void infinityNeverPasses() {
        assertFalse(LossCurveCheck.grade(task(EXPECTED, null), output(0.9, 0.5, Double.POSITIVE_INFINITY)).passed());
    }

    @Test
    void missingEpochsFail() {
        TaskGrade grade = LossCurveCheck.grade(task(EXPECTED, null), output(0.9, 0.5));

        assertFalse(grade.passed());
        assertEquals("ran 2 epochs, expected 3", grade.message().toString());
    }

    @Test
    void studentFailureFailsWithItsMessageAndTheEpochsDone() {
        TaskOutput failed = new TaskOutput(new double[] {0.9}, null, List.of(), new StudentFailure(FailureKind.EXCEPTION, Text.of("failure.exception.no-message", "boom", "")));

        TaskGrade grade = LossCurveCheck.grade(task(EXPECTED, null), failed);

        assertFalse(grade.passed());
        assertEquals("boom (after 1 of 3 epochs)", grade.message().toString());
        assertEquals("exception", grade.failureKind().id());
        assertTrue(Double.isNaN(grade.summedError()));
    }

    @Test
    void matchingTrainingCurveWithWrongValidationCurveFails() {
        double[] val = {2.0, 1.9, 1.8};
        TaskOutput output = new TaskOutput(EXPECTED.clone(), new double[] {2.0, 1.9, 2.8}, List.of(), null);

        TaskGrade grade = LossCurveCheck.grade(task(EXPECTED, val), output);

        assertFalse(grade.passed());
        assertTrue(grade.message().toString().startsWith("the training curve matches (summed error 0.00e+00) but the validation loss"),
                grade.message().toString());
    }

    @Test
    void missingValidationCurveFails() {
        TaskGrade grade = LossCurveCheck.grade(task(EXPECTED, new double[] {2.0, 1.9, 1.8}), output(EXPECTED.clone()));

        assertFalse(grade.passed());
        assertTrue(grade.message().toString().contains("validation loss is missing"), grade.message().toString());
    }
}
