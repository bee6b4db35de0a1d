package io.cnnhomework.grader.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnhomework.grader.exercise.EpochTrace;
import io.cnnhomework.grader.exercise.TaskOutput;
import io.cnnhomework.grader.messages.Messages;
import io.cnnhomework.grader.messages.Text;
import io.cnnhomework.grader.reference.ReferenceTask;
import io.cnnhomework.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the students of a private reference set see: how far off each result is, never PyTorch's
 * value, in every message (nested ones included) and every field; verdicts and scores unchanged.
 */
class ReferenceWithheldTest {

    private static final double[] EXPECTED = {0.936152, 0.159367, 0.017875};

    private static ReferenceTask task() {
        Tensor x = Tensor.zeros(2, 1, 5, 5);
        return new ReferenceTask("task1", "TorchGradientModel", 3, 1.0, 2, 5, x, new int[] {0, 1}, null, null, Map.of(), EXPECTED, null,
                Map.of());
    }

    @Test
    void aTaskSaysByHowMuchTheEpochDiffersAndNotWhatPyTorchHad() {
        TaskGrade full = LossCurveCheck.grade(task(), new TaskOutput(new double[] {0.936152, 1.562865, 0.5}, null, null, null, List.of(), null));

        TaskGrade shown = full.withoutReferenceValues();

        assertTrue(full.message().toString().contains("epoch 1 differs first: expected 0.159367, got 1.562865"), full.message().toString());
        assertEquals("summed loss error 1.89e+00 \u2265 1.00e-03; epoch 1 differs first, by 1.4: got 1.562865. Epoch 0 matches, so forward"
                + " and loss are right: look at backward and the SGD step", shown.message().toString());
        for (Locale locale : Messages.SUPPORTED) {
            assertFalse(shown.message().render(locale).contains("0.159367"), shown.message().render(locale));
        }
        assertTrue(Arrays.stream(shown.expected()).allMatch(Double::isNaN));
        assertEquals(3, shown.expected().length);
        assertFalse(shown.showsReference());
        assertTrue(full.showsReference());
        assertEquals(full.passed(), shown.passed());
        assertEquals(1.89, shown.summedError(), 0.0);
    }

    @Test
    void aNonFiniteLossIsNamedWithoutTheExpectedOne() {
        TaskGrade full = LossCurveCheck.grade(task(), new TaskOutput(new double[] {0.936152, Double.NaN, 0.5}, null, null, null, List.of(), null));

        assertEquals("the loss is NaN at epoch 1; look for log(0), division by zero or overflow in exp",
                full.withoutReferenceValues().message().toString());
    }

    @Test
    void aTensorSaysWhereAndHowFarOffWithoutPyTorchsElements() {
        Tensor expected = Tensor.of(new float[] {0.364189f, 1.39638f, 0.5f, 0.25f}, 2, 2);
        Tensor actual = Tensor.of(new float[] {1.45676f, 5.58554f, 0.5f, 0.25f}, 2, 2);

        TensorComparison full = TensorComparison.compare("grad_weight", expected, actual, Tolerance.LAYER);
        TensorComparison shown = full.withoutReferenceValues();

        assertEquals("grad_weight: 2 of 4 values differ; first at [0, 0]: expected 0.364189, got 1.45676; largest at [0, 1]: expected"
                + " 1.39638, got 5.58554 (|\u0394| 4.18916)", full.describe().toString());
        assertEquals("grad_weight: 2 of 4 values differ; first at [0, 0], by 1.1: got 1.45676; largest at [0, 1], by 4.2: got 5.58554",
                shown.describe().toString());
        assertTrue(Double.isNaN(shown.firstExpected()) && Double.isNaN(shown.worstExpected()));
        assertEquals(4.2, shown.maxAbsError(), 0.0);
        assertEquals(full.mismatches(), shown.mismatches());
    }

    @Test
    void nestedMessagesAreWithheldAndOthersStayAsTheyAre() {
        Text inner = Text.of("compare.values", "x", 1, 1, "[0]", "0.5", "0.7", "[0]", "0.5", "0.7", "0.2")
                .withoutReference(Text.of("compare.values.hidden", "x", 1, 1, "[0]", "0.2", "0.7", "[0]", "0.2", "0.7"));
        Text outer = Text.of("task.prepared-differs", inner);
        Text plain = Text.of("task.epochs", 2, 3);

        assertFalse(outer.withoutReferenceValues().toString().contains("expected"), outer.withoutReferenceValues().toString());
        assertSame(plain, plain.withoutReferenceValues());
        assertEquals("0.41", Text.rounded(0.4137));
        assertEquals("1.2e-06", Text.rounded(1.234e-6));
    }

    @Test
    void aDivergenceInTheTraceIsWithheldToo() {
        ReferenceTask reference = new ReferenceTask("task1", "TorchGradientModel", 1, 1.0, 2, 5, Tensor.zeros(2, 1, 5, 5), new int[] {0, 1},
                null, null, Map.of(), new double[] {0.9}, null, Map.of("logits", Tensor.of(new float[] {0.25f, 0.5f}, 1, 1, 2)));
        Map<String, Tensor> params = Map.of();
        TaskOutput output = new TaskOutput(new double[] {2.0}, null, null, null,
                List.of(new EpochTrace(Tensor.of(new float[] {0.25f, 0.9f}, 1, 2), params, Map.of())), null);

        Text where = TraceDivergence.locate(reference, output);

        assertTrue(where.toString().contains("(expected 0.500000, got 0.900000)"), where.toString());
        assertEquals("epoch 0: the parameters match but the logits differ, max |\u0394| 0.40 at [0, 1] (got 0.900000): the forward pass"
                + " is wrong", where.withoutReferenceValues().toString());
    }
}
