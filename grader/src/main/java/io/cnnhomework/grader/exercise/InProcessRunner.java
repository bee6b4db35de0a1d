package io.cnnhomework.grader.exercise;

import io.cnnhomework.grader.submission.Homework;
import java.time.Duration;

/** Runs a submission in this JVM: for the student's own tests, and for trusted code. */
public final class InProcessRunner implements SubmissionRunner {

    private final NotebookTraining training;
    private final LayerExercise layers;
    private final OwnNetworkTraining ownNetwork;

    /** @param homework the submission's classes */
    public InProcessRunner(Homework homework) {
        this.training = new NotebookTraining(homework);
        this.layers = new LayerExercise(homework);
        this.ownNetwork = new OwnNetworkTraining(homework);
    }

    /**
     * The usual way to run trusted code: in this JVM, each task and case limited in time.
     *
     * @param loader sees the submission's {@code homework} classes
     * @param limit wall-clock limit per task or case
     * @param trainingLimit wall-clock limit per training run of the optional task
     * @return the runner
     */
    public static SubmissionRunner limited(ClassLoader loader, Duration limit, Duration trainingLimit) {
        return limited(loader, limit, trainingLimit, TimeBudget.DEFAULT);
    }

    /**
     * @param loader sees the submission's {@code homework} classes
     * @param limit wall-clock limit per task or case
     * @param trainingLimit wall-clock limit per training run of the optional task
     * @param budget wall-clock time of all tasks and cases together
     * @return the runner, each task and case limited in time, all of them by the budget
     */
    public static SubmissionRunner limited(ClassLoader loader, Duration limit, Duration trainingLimit, Duration budget) {
        return new TimeLimitedRunner(new InProcessRunner(new Homework(loader)), limit, trainingLimit, new TimeBudget(budget));
    }

    @Override
    public TaskOutput runTask(TaskInput input) {
        return training.run(input);
    }

    @Override
    public LayerOutput runLayer(LayerInput input) {
        return layers.run(input);
    }

    @Override
    public TrainingOutput train(TrainingInput input) {
        return ownNetwork.run(input);
    }
}
