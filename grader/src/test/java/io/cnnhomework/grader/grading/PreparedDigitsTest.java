package io.cnnhomework.grader.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnhomework.grader.Fixtures;
import io.cnnhomework.grader.exercise.Digits;
import io.cnnhomework.grader.exercise.TaskOutput;
import io.cnnhomework.grader.reference.ReferenceSet;
import io.cnnhomework.grader.reference.ReferenceTask;
import io.cnnhomework.tensor.Tensor;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Task 3's prepared digits, whole splits, against PyTorch's: what passes, what fails and what it says. */
class PreparedDigitsTest {

    private static ReferenceSet reference;
    private static ReferenceTask task3;
    private static Digits digits;

    @BeforeAll
    static void load() {
        reference = ReferenceSet.load(Fixtures.referenceDir());
        task3 = reference.task("task3");
        digits = reference.digits();
    }

    /** (x − mean) / std of the given rows, in double, rounded once. */
    private static Tensor standardised(int[] rows, double mean, double std) {
        float[] pixels = digits.pixels().toArray();
        int width = digits.pixels().size(1);
        float[] out = new float[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < width; j++) {
                out[i * width + j] = (float) ((pixels[rows[i] * width + j] - mean) / std);
            }
        }
        return Tensor.of(out, rows.length, 1, 8, 8);
    }

    /** The training pixels' mean and unbiased std, every sum in a double or (the mistake) the squares in a float. */
    private static double[] statistics(int[] rows, boolean floatSquares) {
        float[] pixels = digits.pixels().toArray();
        int width = digits.pixels().size(1);
        double sum = 0;
        for (int row : rows) {
            for (int j = 0; j < width; j++) {
                sum += pixels[row * width + j];
            }
        }
        double mean = sum / ((double) rows.length * width);
        double squares = 0;
        float floatSquaresSum = 0f;
        for (int row : rows) {
            for (int j = 0; j < width; j++) {
                double d = pixels[row * width + j] - mean;
                squares += d * d;
                floatSquaresSum += (float) (d * d);
            }
        }
        return new double[] {mean, Math.sqrt((floatSquares ? floatSquaresSum : squares) / ((double) rows.length * width - 1))};
    }

    private static Optional<TaskGrade> check(Tensor train, Tensor val) {
        TaskGrade curvesPass = new TaskGrade("task3", true, 1e-6, task3.trainLoss(), task3.trainLoss(), task3.valLoss(),
                task3.valLoss(), 2e-6, io.cnnhomework.grader.messages.Text.of("task.passed", "1e-6", "1e-3"), null, null);
        return new PreparedDigits(reference).differs(task3, new TaskOutput(task3.trainLoss(), task3.valLoss(), train, val,
                List.of(), null), curvesPass);
    }

    @Test
    void statisticsInDoublePass() {
        double[] stats = statistics(digits.trainIndex(), false);

        assertEquals(Optional.empty(), check(standardised(digits.trainIndex(), stats[0], stats[1]),
                standardised(digits.valIndex(), stats[0], stats[1])));
    }

    @Test
    void aFloatAccumulatorFailsTheTaskAsRoundingAndNamesTheCause() {
        double[] stats = statistics(digits.trainIndex(), true);

        TaskGrade grade = check(standardised(digits.trainIndex(), stats[0], stats[1]),
                standardised(digits.valIndex(), stats[0], stats[1])).orElseThrow();

        assertFalse(grade.passed(), "the loss curves passed, the data did not");
        String message = grade.message().toString();
        assertTrue(message.startsWith("your prepared training images differ from the reference by rounding-sized amounts: trainX: "),
                message);
        assertTrue(message.contains("the training pixels have mean 4.895094 and unbiased std 6.021180: your std is off by"), message);
        assertTrue(message.endsWith("the loss curves on your data: summed error 1.00e-06, validation 2.00e-06 (the bar is 1.00e-03)"),
                message);
        assertEquals("prepared-float-accumulator", grade.hint().id());
        assertEquals(1e-6, grade.summedError(), "the curves' figures stay");
    }

    @Test
    void validationNormalisedWithItsOwnStatisticsIsNoRounding() {
        double[] train = statistics(digits.trainIndex(), false);
        double[] own = statistics(digits.valIndex(), false);

        TaskGrade grade = check(standardised(digits.trainIndex(), train[0], train[1]),
                standardised(digits.valIndex(), own[0], own[1])).orElseThrow();

        assertTrue(grade.message().toString().startsWith("your prepared validation images differ from the reference: valX: "),
                grade.message().toString());
        assertTrue(grade.message().toString().contains("Check the order of the split and the normalisation"), grade.message().toString());
        assertNull(grade.hint());
    }

    @Test
    void rawPixelsAreNoStandardisationAtAll() {
        double[] stats = statistics(digits.trainIndex(), false);

        TaskGrade grade = check(standardised(digits.trainIndex(), 0, 1), standardised(digits.valIndex(), stats[0], stats[1]))
                .orElseThrow();

        assertTrue(grade.message().toString().startsWith("your prepared training images differ from the reference: trainX: "),
                grade.message().toString());
        assertNull(grade.hint());
    }

    @Test
    void impliedStatisticsRecoverTheMeanAndStdUsed() {
        double[] implied = PreparedDigits.impliedStatistics(digits, digits.trainIndex(),
                standardised(digits.trainIndex(), 4.9, 6.03), Tolerance.LAYER);

        assertEquals(4.9, implied[0], 1e-5);
        assertEquals(6.03, implied[1], 1e-5);
        assertNull(PreparedDigits.impliedStatistics(digits, digits.trainIndex(), Tensor.zeros(1437, 1, 8, 8), Tolerance.LAYER),
                "a constant is no standardisation");
    }
}
