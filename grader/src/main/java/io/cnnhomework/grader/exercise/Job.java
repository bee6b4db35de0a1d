package io.cnnhomework.grader.exercise;

import io.cnnhomework.grader.submission.StudentFailure;

/**
 * One piece of work for a submission, as it crosses to whatever runs student code: a task to
 * train, a layer case to run, or a training run of the optional task. A job carries inputs only.
 */
public sealed interface Job permits TaskInput, LayerInput, TrainingInput {

    /** @return what the job is, for messages: a task id, a case name, {@code optional-<run>} */
    String what();

    /**
     * @param failure why the job produced nothing
     * @return the job's kind of output, empty but for the failure
     */
    Outcome failed(StudentFailure failure);
}
