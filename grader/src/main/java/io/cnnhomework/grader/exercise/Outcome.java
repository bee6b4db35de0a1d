package io.cnnhomework.grader.exercise;

import io.cnnhomework.grader.submission.StudentFailure;

/**
 * What a submission computed for one {@link Job}: a task's losses and trace, a layer case's
 * tensors, or a training run's curves, with the failure that stopped it early, if any.
 */
public sealed interface Outcome permits TaskOutput, LayerOutput, TrainingOutput {

    /** @return why the work stopped early, or {@code null} when it completed */
    StudentFailure failure();
}
