package io.cnnhomework.grader.exercise;

import io.cnnhomework.grader.submission.StudentFailure;
import io.cnnhomework.tensor.Tensor;
import java.util.List;

/**
 * What a submission computed for one task.
 *
 * @param trainLoss the training loss of each completed epoch
 * @param valLoss the validation loss of each completed epoch (task 3), or {@code null}
 * @param preparedTrainX the first rows of the submission's prepared training data (task 3), or
 *     {@code null}
 * @param trace per completed epoch: logits, parameters and gradients
 * @param failure why training stopped early, or {@code null} when every epoch ran
 */
public record TaskOutput(double[] trainLoss, double[] valLoss, Tensor preparedTrainX, List<EpochTrace> trace,
        StudentFailure failure) implements Outcome {

    /** A missing trace is an empty one. */
    public TaskOutput {
        trace = trace == null ? List.of() : List.copyOf(trace);
    }

    /**
     * @param failure why nothing ran
     * @return an output with no epochs
     */
    public static TaskOutput failed(StudentFailure failure) {
        return new TaskOutput(new double[0], null, null, List.of(), failure);
    }
}
