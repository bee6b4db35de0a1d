package io.cnnhomework.grader.grading;

import io.cnnhomework.grader.messages.Text;
import io.cnnhomework.grader.submission.FailureKind;

/**
 * The verdict on one task.
 *
 * @param id {@code task1}, {@code task2} or {@code task3}
 * @param passed whether the seed's rule holds
 * @param summedError Σ over epochs of |student loss − PyTorch loss|; {@code NaN} when not comparable
 * @param expected PyTorch's training loss per epoch
 * @param actual the submission's training loss per completed epoch
 * @param expectedVal PyTorch's validation loss per epoch (task 3), or {@code null}
 * @param actualVal the submission's validation loss (task 3), or {@code null}
 * @param valSummedError Σ |student − PyTorch| over the validation curve, or {@code NaN}
 * @param message one line for the student: why it passed or what is wrong
 * @param divergence where the training first parts from PyTorch's trace, or {@code null}
 * @param failureKind the kind of {@link io.cnnhomework.grader.submission.StudentFailure} when
 *     student code failed, else {@code null}
 */
public record TaskGrade(
        String id,
        boolean passed,
        double summedError,
        double[] expected,
        double[] actual,
        double[] expectedVal,
        double[] actualVal,
        double valSummedError,
        Text message,
        Text divergence,
        FailureKind failureKind) {

    /** @return 1 when passed, else 0: a task is all or nothing, as in the notebook */
    public double score() {
        return passed ? 1 : 0;
    }

    /**
     * @return whether PyTorch's curve is in this verdict: false once {@link #withoutReferenceValues()}
     *     took it out
     */
    public boolean showsReference() {
        return java.util.Arrays.stream(expected).anyMatch(Double::isFinite);
    }

    /**
     * @return this verdict as the students of a private reference set may see it: PyTorch's curves
     *     replaced by NaN (written as {@code null}; the number of epochs stays), messages in their
     *     wording without the reference's values, the summed errors to three significant digits as
     *     the messages print them
     */
    public TaskGrade withoutReferenceValues() {
        return new TaskGrade(id, passed, threeDigits(summedError), withheld(expected), actual, withheld(expectedVal), actualVal,
                threeDigits(valSummedError), message.withoutReferenceValues(), divergence == null ? null : divergence.withoutReferenceValues(),
                failureKind);
    }

    private static double[] withheld(double[] values) {
        if (values == null) {
            return null;
        }
        double[] none = new double[values.length];
        java.util.Arrays.fill(none, Double.NaN);
        return none;
    }

    private static double threeDigits(double value) {
        return Double.isFinite(value) ? Double.parseDouble(String.format(java.util.Locale.ROOT, "%.2e", value)) : value;
    }

    /**
     * @param where the divergence found in the trace
     * @return this verdict with it
     */
    public TaskGrade withDivergence(Text where) {
        return new TaskGrade(id, passed, summedError, expected, actual, expectedVal, actualVal, valSummedError, message,
                where, failureKind);
    }
}
