package io.cnnhomework.grader.grading;

/**
 * Runs a submission on one task's inputs: in this JVM, or in a child JVM that receives only the
 * input and sends back the output.
 */
@FunctionalInterface
public interface TaskRunner {

    /**
     * @param input the task's inputs and initial weights
     * @return what the submission computed; failures inside student code are part of the output,
     *     never thrown
     */
    TaskOutput run(TaskInput input);
}
