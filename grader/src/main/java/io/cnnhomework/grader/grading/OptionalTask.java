package io.cnnhomework.grader.grading;

import io.cnnhomework.grader.exercise.OptimizerChoice;
import io.cnnhomework.grader.exercise.SubmissionRunner;
import io.cnnhomework.grader.exercise.TrainingInput;
import io.cnnhomework.grader.exercise.TrainingOutput;
import io.cnnhomework.grader.messages.Text;
import io.cnnhomework.grader.reference.ReferenceSet;
import io.cnnhomework.grader.submission.FailureKind;
import io.cnnhomework.grader.submission.StudentFailure;
import io.cnnhomework.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Grades the optional task: the submission's {@code homework.OwnNetwork} trained on the whole
 * standardised digits training split (1,437 images), scored on the validation split (360) by the
 * grader, which alone holds the validation labels. Passing takes {@link #PASS_ACCURACY}.
 */
public final class OptionalTask {

    /** Validation accuracy a network must reach at its last epoch to pass. */
    public static final double PASS_ACCURACY = 0.97;
    /** Seeds the initial parameters and the batch order, the same for every run. */
    public static final long SEED = 0;
    /** The run with the recipe's own optimizer. */
    public static final String OWN = "own";

    private final ExerciseInputs inputs;
    private final int[] valLabels;
    private final int numClasses;

    /** @param reference the reference whose digits split and standardisation the task uses */
    public OptionalTask(ReferenceSet reference) {
        this.inputs = new ExerciseInputs(reference);
        this.valLabels = reference.digits().labels(reference.digits().valIndex());
        this.numClasses = inputs.numClasses();
    }

    /**
     * @param run the run's name
     * @param optimizer a comparison's optimizer, or {@code null} for the recipe's own
     * @return what the submission receives: data without validation labels
     */
    public TrainingInput input(String run, OptimizerChoice optimizer) {
        return input(run, optimizer, null, null, SEED);
    }

    /**
     * A run from given initial parameters and batch order, to compare with PyTorch trained from
     * the same start, or from another seed, to see how much the accuracy depends on it.
     *
     * @param run the run's name
     * @param optimizer a comparison's optimizer, or {@code null} for the recipe's own
     * @param order one permutation of the training rows per epoch, or {@code null} for the seed's
     * @param initialParams initial parameters by PyTorch's names, or {@code null} for the recipe's own
     * @param seed seeds the recipe's initial parameters and the batch order; the grade uses {@link #SEED}
     * @return what the submission receives
     * @throws IllegalArgumentException if a row of the order is not a permutation of the training rows
     */
    public TrainingInput input(String run, OptimizerChoice optimizer, int[][] order, Map<String, Tensor> initialParams,
            long seed) {
        return inputs.training(run, optimizer, order, initialParams, seed);
    }

    /**
     * Trains the own network, then, if asked and the own run completed, the comparison.
     *
     * @param runner runs the submission's code
     * @param compare whether to train the comparison's optimizers too
     * @return the verdict
     */
    public OptionalGrade grade(SubmissionRunner runner, boolean compare) {
        TrainingRun own = score(OWN, train(runner, input(OWN, null)));
        // the template's stubs, or a submission from before the optional task existed
        boolean attempted = own.failureKind() != FailureKind.NOT_IMPLEMENTED
                && !own.message().key().equals("contract.class-missing");
        List<TrainingRun> comparison = new ArrayList<>();
        if (compare && own.completed()) {
            for (OptimizerChoice choice : OptimizerChoice.COMPARISON) {
                comparison.add(score(choice.name(), train(runner, input(choice.name(), choice))));
            }
        }
        boolean passed = own.completed() && own.finalAccuracy() >= PASS_ACCURACY;
        return new OptionalGrade(own, comparison, attempted, passed);
    }

    private static TrainingOutput train(SubmissionRunner runner, TrainingInput input) {
        try {
            return runner.train(input);
        } catch (RuntimeException e) {
            return TrainingOutput.failed(StudentFailure.of(e));
        }
    }

    /**
     * Scores a run's validation logits against the labels it never saw.
     *
     * @param run the run's name
     * @param output what the run returned
     * @return the run with its validation loss and accuracy per epoch
     */
    public TrainingRun score(String run, TrainingOutput output) {
        int epochs = output.valLogits().size();
        double[] valLoss = new double[epochs];
        double[] accuracy = new double[epochs];
        for (int epoch = 0; epoch < epochs; epoch++) {
            Tensor logits = output.valLogits().get(epoch);
            if (logits.dim() != 2 || logits.size(0) != valLabels.length || logits.size(1) != numClasses) {
                valLoss[epoch] = Double.NaN;
                accuracy[epoch] = Double.NaN;
                continue;
            }
            float[] values = logits.toArray();
            double lossSum = 0;
            int correct = 0;
            for (int i = 0; i < valLabels.length; i++) {
                int row = i * numClasses;
                int best = 0;
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < numClasses; k++) {
                    if (values[row + k] > max) {
                        max = values[row + k];
                        best = k;
                    }
                }
                double sumExp = 0;
                for (int k = 0; k < numClasses; k++) {
                    sumExp += Math.exp(values[row + k] - max);
                }
                lossSum += Math.log(sumExp) + max - values[row + valLabels[i]];
                correct += best == valLabels[i] && Double.isFinite(max) ? 1 : 0;
            }
            valLoss[epoch] = lossSum / valLabels.length;
            accuracy[epoch] = (double) correct / valLabels.length;
        }
        double[] trainLoss = output.trainLoss();
        Text message;
        if (output.failure() != null) {
            message = output.failure().message();
        } else if (trainLoss.length > 0 && !Double.isFinite(trainLoss[trainLoss.length - 1])) {
            message = Text.of("optional.diverged", trainLoss.length);
        } else if (epochs == 0) {
            message = Text.of("optional.no-epochs");
        } else {
            message = Text.of("optional.accuracy", percent(accuracy[epochs - 1]), epochs, seconds(output.seconds()));
        }
        return new TrainingRun(run, output.optimizer(), output.epochs(), output.batchSize(), output.parameters(), trainLoss,
                valLoss, accuracy, output.seconds(), message, output.failure() == null ? null : output.failure().kind());
    }

    /** @return e.g. {@code 99.4 %} */
    public static String percent(double fraction) {
        return Double.isNaN(fraction) ? "-" : String.format(java.util.Locale.ROOT, "%.1f %%", 100 * fraction);
    }

    private static String seconds(double seconds) {
        return String.format(java.util.Locale.ROOT, "%.2f", seconds);
    }
}
