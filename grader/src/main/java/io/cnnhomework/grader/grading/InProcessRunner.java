package io.cnnhomework.grader.grading;

import io.cnnhomework.grader.submission.Homework;

/** Runs a submission in this JVM: for the student's own tests, and for trusted code. */
public final class InProcessRunner implements SubmissionRunner {

    private final NotebookTraining training;
    private final LayerExercise layers;

    /** @param homework the submission's classes */
    public InProcessRunner(Homework homework) {
        this.training = new NotebookTraining(homework);
        this.layers = new LayerExercise(homework);
    }

    @Override
    public TaskOutput runTask(TaskInput input) {
        return training.run(input);
    }

    @Override
    public LayerOutput runLayer(LayerInput input) {
        return layers.run(input);
    }
}
