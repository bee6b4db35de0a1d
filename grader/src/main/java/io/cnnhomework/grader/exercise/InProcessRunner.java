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
        this(homework, TrainingProgress.SILENT);
    }

    /**
     * @param homework the submission's classes
     * @param progress told after every epoch of the optional task's trainings
     */
    public InProcessRunner(Homework homework, TrainingProgress progress) {
        this.training = new NotebookTraining(homework);
        this.layers = new LayerExercise(homework);
        this.ownNetwork = new OwnNetworkTraining(homework, progress);
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
        return limited(loader, limit, trainingLimit, budget, TrainingProgress.SILENT);
    }

    /**
     * @param loader sees the submission's {@code homework} classes
     * @param limit wall-clock limit per task or case
     * @param trainingLimit wall-clock limit per training run of the optional task
     * @param budget wall-clock time of all tasks and cases together
     * @param progress told after every epoch of the optional task's trainings, e.g.
     *     {@link TrainingProgress#console}
     * @return the runner, each task and case limited in time, all of them by the budget
     */
    public static SubmissionRunner limited(ClassLoader loader, Duration limit, Duration trainingLimit, Duration budget,
            TrainingProgress progress) {
        return new TimeLimitedRunner(new InProcessRunner(new Homework(loader), progress), limit, trainingLimit, new TimeBudget(budget));
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
