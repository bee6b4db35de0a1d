package io.cnnhomework.grader.exercise;

import io.cnnhomework.grader.submission.StudentFailure;
import io.cnnhomework.tensor.Tensor;
import java.util.List;

/**
 * What a submission computed for one task.
 *
 * @param trainLoss the training loss of each completed epoch
 * @param valLoss the validation loss of each completed epoch (task 3), or {@code null}
 * @param preparedTrainX the submission's prepared training images, the whole split (task 3), or
 *     {@code null}
 * @param preparedValX its prepared validation images, the whole split (task 3), or {@code null}
 * @param trace per completed epoch: logits, parameters and gradients
 * @param failure why training stopped early, or {@code null} when every epoch ran
 */
public record TaskOutput(double[] trainLoss, double[] valLoss, Tensor preparedTrainX, Tensor preparedValX, List<EpochTrace> trace,
        StudentFailure failure) implements Outcome {

    /** A missing trace is an empty one. */
    public TaskOutput {
        trace = trace == null ? List.of() : List.copyOf(trace);
    }

    /**
     * A task's output without prepared data (tasks 1 and 2, or made by hand in a test).
     *
     * @param trainLoss the training loss of each completed epoch
     * @param valLoss the validation loss of each completed epoch, or {@code null}
     * @param trace per completed epoch: logits, parameters and gradients
     * @param failure why training stopped early, or {@code null}
     */
    public TaskOutput(double[] trainLoss, double[] valLoss, List<EpochTrace> trace, StudentFailure failure) {
        this(trainLoss, valLoss, null, null, trace, failure);
    }

    /**
     * @param failure why nothing ran
     * @return an output with no epochs
     */
    public static TaskOutput failed(StudentFailure failure) {
        return new TaskOutput(new double[0], null, List.of(), failure);
    }
}
