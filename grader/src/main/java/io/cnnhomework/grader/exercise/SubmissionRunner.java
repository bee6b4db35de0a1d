package io.cnnhomework.grader.exercise;

import io.cnnhomework.grader.submission.StudentFailure;

/**
 * Runs a submission's code on inputs that carry no expected values: in this JVM, or in a child
 * JVM that receives the input and sends back the output. Failures inside student code are part of
 * the output, never thrown.
 */
public interface SubmissionRunner {

    /**
     * @param input a task's inputs and initial weights
     * @return what the submission computed
     */
    TaskOutput runTask(TaskInput input);

    /**
     * @param input a per-layer case's inputs
     * @return what the submission's layer computed
     */
    LayerOutput runLayer(LayerInput input);

    /**
     * @param input one training run of the optional task
     * @return its losses and validation logits
     */
    TrainingOutput train(TrainingInput input);

    /**
     * @param failure why the submission may not run, e.g. refused by the bytecode policy
     * @return a runner that runs nothing and fails every job with that failure
     */
    static SubmissionRunner refusing(StudentFailure failure) {
        return new SubmissionRunner() {
            @Override
            public TaskOutput runTask(TaskInput input) {
                return input.failed(failure);
            }

            @Override
            public LayerOutput runLayer(LayerInput input) {
                return input.failed(failure);
            }

            @Override
            public TrainingOutput train(TrainingInput input) {
                return input.failed(failure);
            }
        };
    }

    /**
     * @param job any job
     * @return its output, from the method for its kind
     */
    default Outcome run(Job job) {
        if (job instanceof TaskInput task) {
            return runTask(task);
        }
        if (job instanceof LayerInput layer) {
            return runLayer(layer);
        }
        return train((TrainingInput) job);
    }
}
