package io.cnnhomework.grader.grading;

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
 * @param valSummedError Σ |student − PyTorch| over the validation curve (reported, not graded), or
 *     {@code NaN}
 * @param message one line for the student: why it passed or what is wrong and where
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
        String message,
        String failureKind) {
}
