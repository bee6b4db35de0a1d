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
 * @param hint the recognised mistake (task 3's prepared data or its training loop), or {@code null}
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
        Hint hint,
        FailureKind failureKind) {

    /**
     * A verdict without a hint.
     *
     * @param id the task
     * @param passed whether the seed's rule holds
     * @param summedError Σ over epochs of |student loss − PyTorch loss|
     * @param expected PyTorch's training loss per epoch
     * @param actual the submission's training loss per completed epoch
     * @param expectedVal PyTorch's validation loss per epoch, or {@code null}
     * @param actualVal the submission's validation loss, or {@code null}
     * @param valSummedError Σ |student − PyTorch| over the validation curve, or {@code NaN}
     * @param message one line for the student
     * @param divergence where the training first parts from PyTorch's trace, or {@code null}
     * @param failureKind the kind of student failure, or {@code null}
     */
    public TaskGrade(String id, boolean passed, double summedError, double[] expected, double[] actual, double[] expectedVal,
            double[] actualVal, double valSummedError, Text message, Text divergence, FailureKind failureKind) {
        this(id, passed, summedError, expected, actual, expectedVal, actualVal, valSummedError, message, divergence, null,
                failureKind);
    }

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
                hint == null ? null : new Hint(hint.id(), hint.text().withoutReferenceValues()), failureKind);
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
                where, hint, failureKind);
    }

    /**
     * @param why what is wrong, in place of this verdict's message
     * @param cause the recognised mistake, or {@code null}
     * @return this verdict failed for that reason; the loss curves' figures kept
     */
    public TaskGrade failedBecause(Text why, Hint cause) {
        return new TaskGrade(id, false, summedError, expected, actual, expectedVal, actualVal, valSummedError, why, divergence, cause,
                failureKind);
    }

    /**
     * @param why what else is wrong, said before this verdict's message
     * @param cause the recognised mistake, or {@code null} to keep this verdict's
     * @return this verdict failed, its message following {@code why}
     */
    public TaskGrade failedFirstBy(Text why, Hint cause) {
        return new TaskGrade(id, false, summedError, expected, actual, expectedVal, actualVal, valSummedError,
                Text.of("task.with-note", why, message), divergence, cause == null ? hint : cause, failureKind);
    }

    /**
     * @param other the new message
     * @param mistake the recognised mistake, or {@code null}
     * @return this verdict with that message and hint
     */
    public TaskGrade withMessage(Text other, Hint mistake) {
        return new TaskGrade(id, passed, summedError, expected, actual, expectedVal, actualVal, valSummedError, other,
                divergence, mistake, failureKind);
    }
}
