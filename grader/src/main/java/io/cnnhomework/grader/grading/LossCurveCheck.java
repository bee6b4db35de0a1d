package io.cnnhomework.grader.grading;

import io.cnnhomework.grader.reference.ReferenceTask;
import io.cnnhomework.tensor.Tensor;
import java.util.Arrays;
import java.util.Locale;

/**
 * The seed's criterion: a task passes when Σ over epochs |loss_student − loss_pt| &lt;
 * {@value #PASS_THRESHOLD}, every epoch ran, and no loss is NaN or infinite.
 *
 * <p>Task 3 also measures the validation loss in eval mode after each epoch, and the same rule
 * applies to that curve: the training loss alone is blind to mistakes that BatchNorm's batch
 * statistics cancel, such as unnormalised digits (measured: training error 6e-4, validation 2.7).
 */
public final class LossCurveCheck {

    /** The seed's bound on the summed absolute loss error. */
    public static final double PASS_THRESHOLD = 1e-3;

    /**
     * Tolerance for the diagnostic comparison of the student's prepared digits with the
     * reference's ({@code |a − r| ≤ atol + rtol·|r|}).
     */
    static final double PREPARED_ATOL = 1e-5;
    static final double PREPARED_RTOL = 1e-5;

    private LossCurveCheck() {
    }

    /**
     * @param reference what PyTorch measured
     * @param output what the submission computed
     * @return the verdict with a message for the student
     */
    public static TaskGrade grade(ReferenceTask reference, TaskOutput output) {
        double[] expected = reference.trainLoss();
        double[] actual = output.trainLoss();
        double summed = summedError(expected, actual);
        double valSummed = reference.valLoss() == null || output.valLoss() == null ? Double.NaN
                : summedError(reference.valLoss(), output.valLoss());
        String failureKind = output.failure() == null ? null : output.failure().kind();
        String message;
        boolean passed = false;
        if (output.failure() != null) {
            message = output.failure().message() + (actual.length > 0
                    ? " — after " + actual.length + " of " + expected.length + " epochs" : "");
        } else if (actual.length != expected.length) {
            message = "ran " + actual.length + " epochs, expected " + expected.length;
        } else if (firstNonFinite(actual) >= 0) {
            int epoch = firstNonFinite(actual);
            message = "loss is " + actual[epoch] + " at epoch " + epoch + " (expected " + format(expected[epoch])
                    + "); look for log(0), division by zero or overflow in exp";
        } else if (summed < PASS_THRESHOLD && (reference.valLoss() == null || valSummed < PASS_THRESHOLD)) {
            passed = true;
            message = "summed loss error " + scientific(summed) + " < " + scientific(PASS_THRESHOLD)
                    + (Double.isNaN(valSummed) ? "" : "; validation " + scientific(valSummed));
        } else if (summed < PASS_THRESHOLD && Double.isFinite(valSummed)) {
            message = "the training curve matches (summed error " + scientific(summed) + ") but the validation loss"
                    + " in eval mode does not: summed error " + scientific(valSummed) + " ≥ " + scientific(PASS_THRESHOLD)
                    + "; " + firstDeparture(reference.valLoss(), output.valLoss(), false)
                    + " — check BatchNorm2d's eval mode and running statistics, and that the validation images"
                    + " are normalised with the training mean and std";
        } else if (summed < PASS_THRESHOLD) {
            message = "the training curve matches but the validation loss is missing or not finite"
                    + " (NaN or infinity in eval mode?)";
        } else {
            message = "summed loss error " + scientific(summed) + " ≥ " + scientific(PASS_THRESHOLD) + "; " + firstDeparture(expected, actual, true);
        }
        if (!passed && reference.usesDigits() && output.preparedTrainX() != null) {
            message += preparedDataNote(reference.trainX(), output.preparedTrainX());
        }
        return new TaskGrade(reference.id(), passed, output.failure() == null ? summed : Double.NaN, expected, actual,
                reference.valLoss(), output.valLoss(), valSummed, message, failureKind);
    }

    /**
     * @return Σ |actual − expected| over the epochs both have; NaN when a value is not finite or
     *     the lengths differ
     */
    static double summedError(double[] expected, double[] actual) {
        if (expected.length != actual.length) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < expected.length; i++) {
            sum += Math.abs(actual[i] - expected[i]);
        }
        return sum;
    }

    private static int firstNonFinite(double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                return i;
            }
        }
        return -1;
    }

    /** Names the first epoch that differs noticeably: the student's first clue where to look. */
    private static String firstDeparture(double[] expected, double[] actual, boolean training) {
        double perEpoch = PASS_THRESHOLD / expected.length;
        for (int epoch = 0; epoch < expected.length; epoch++) {
            if (Math.abs(actual[epoch] - expected[epoch]) > perEpoch) {
                String where = !training ? "the validation loss" : epoch == 0
                        ? "the forward pass or the loss is already wrong (nothing has been trained yet)"
                        : "epoch 0 matches, so forward and loss are right; look at backward and the SGD step";
                return "epoch " + epoch + " differs first: expected " + format(expected[epoch]) + ", got "
                        + format(actual[epoch]) + " — " + where;
            }
        }
        return "small differences in every epoch add up";
    }

    private static String preparedDataNote(Tensor expected, Tensor actual) {
        if (!actual.sameShape(expected)) {
            return "; your prepared train_x[0:" + expected.size(0) + "] has shape " + Arrays.toString(actual.shape())
                    + ", expected " + Arrays.toString(expected.shape());
        }
        float[] e = expected.toArray();
        float[] a = actual.toArray();
        for (int i = 0; i < e.length; i++) {
            if (!(Math.abs(a[i] - e[i]) <= PREPARED_ATOL + PREPARED_RTOL * Math.abs(e[i]))) {
                return "; your prepared train_x differs from the reference at flat index " + i + " "
                        + Arrays.toString(unravel(i, expected.shape())) + ": expected " + e[i] + ", got " + a[i]
                        + " (check the split order and the normalisation by the training mean and unbiased std)";
            }
        }
        return "";
    }

    private static int[] unravel(int flat, int[] shape) {
        int[] index = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            index[d] = flat % shape[d];
            flat /= shape[d];
        }
        return index;
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.6f", value);
    }

    static String scientific(double value) {
        return String.format(Locale.ROOT, "%.2e", value);
    }
}
