package io.cnnhomework.grader.grading;

import io.cnnhomework.grader.submission.StudentFailure;
import io.cnnhomework.tensor.Tensor;

/**
 * What a submission computed for one task.
 *
 * @param trainLoss the training loss of each completed epoch
 * @param valLoss the validation loss of each completed epoch (task 3), or {@code null}
 * @param preparedTrainX the first rows of the submission's prepared training data (task 3), or
 *     {@code null}
 * @param failure why training stopped early, or {@code null} when every epoch ran
 */
public record TaskOutput(double[] trainLoss, double[] valLoss, Tensor preparedTrainX, StudentFailure failure) {

    /**
     * @param failure why nothing ran
     * @return an output with no epochs
     */
    public static TaskOutput failed(StudentFailure failure) {
        return new TaskOutput(new double[0], null, null, failure);
    }
}
