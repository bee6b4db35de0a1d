package io.cnnhomework.grader.grading;

import io.cnnhomework.grader.exercise.TaskOutput;
import io.cnnhomework.grader.messages.Text;
import io.cnnhomework.grader.reference.ReferenceTask;
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
        boolean validates = reference.valLoss() != null;
        double valSummed = !validates || output.valLoss() == null ? Double.NaN : summedError(reference.valLoss(), output.valLoss());
        boolean passed = false;
        Text message;
        if (output.failure() != null) {
            message = actual.length > 0
                    ? Text.of("task.failed-after", output.failure().message(), actual.length, expected.length)
                    : output.failure().message();
        } else if (actual.length != expected.length) {
            message = Text.of("task.epochs", actual.length, expected.length);
        } else if (firstNonFinite(actual) >= 0) {
            int epoch = firstNonFinite(actual);
            message = Text.of("task.non-finite", actual[epoch], epoch, format(expected[epoch]))
                    .withoutReference(Text.of("task.non-finite.hidden", actual[epoch], epoch));
        } else if (summed < PASS_THRESHOLD && (!validates || valSummed < PASS_THRESHOLD)) {
            passed = true;
            message = validates ? Text.of("task.passed-val", scientific(summed), scientific(PASS_THRESHOLD), scientific(valSummed))
                    : Text.of("task.passed", scientific(summed), scientific(PASS_THRESHOLD));
        } else if (summed < PASS_THRESHOLD && Double.isFinite(valSummed)) {
            message = Text.of("task.val-differs", scientific(summed), scientific(valSummed), scientific(PASS_THRESHOLD),
                    firstDeparture(reference.valLoss(), output.valLoss(), false));
        } else if (summed < PASS_THRESHOLD) {
            message = Text.of("task.val-missing");
        } else {
            message = Text.of("task.differs", scientific(summed), scientific(PASS_THRESHOLD), firstDeparture(expected, actual, true));
        }
        return new TaskGrade(reference.id(), passed, output.failure() == null ? summed : Double.NaN, expected, actual,
                reference.valLoss(), output.valLoss(), valSummed, message, null, null,
                output.failure() == null ? null : output.failure().kind());
    }

    /**
     * @return Σ |actual − expected|; NaN when the lengths differ or a value is not finite
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
    static Text firstDeparture(double[] expected, double[] actual, boolean training) {
        int epoch = firstDeparture(expected, actual);
        if (epoch < 0) {
            return Text.of("task.departure.small");
        }
        boolean forward = epoch == 0;
        String key = !training ? "task.departure" : forward ? "task.departure.forward" : "task.departure.backward";
        String hidden = !training ? "task.departure.hidden" : forward ? "task.departure.forward.hidden" : "task.departure.backward.hidden";
        String got = epoch < actual.length ? format(actual[epoch]) : "-";
        String by = epoch < actual.length ? Text.rounded(Math.abs(actual[epoch] - expected[epoch])) : "-";
        return Text.of(key, epoch, format(expected[epoch]), got).withoutReference(Text.of(hidden, epoch, by, got));
    }

    /**
     * @param expected PyTorch's loss per epoch
     * @param actual the submission's
     * @return the first epoch that differs noticeably (by more than an equal share of
     *     {@value #PASS_THRESHOLD}), is missing or is not finite; -1 when none does and only small
     *     differences add up
     */
    public static int firstDeparture(double[] expected, double[] actual) {
        double perEpoch = PASS_THRESHOLD / expected.length;
        for (int epoch = 0; epoch < expected.length; epoch++) {
            if (epoch >= actual.length || !(Math.abs(actual[epoch] - expected[epoch]) <= perEpoch)) {
                return epoch;
            }
        }
        return -1;
    }

    static String format(double value) {
        return String.format(Locale.ROOT, "%.6f", value);
    }

    static String scientific(double value) {
        return String.format(Locale.ROOT, "%.2e", value);
    }
}
