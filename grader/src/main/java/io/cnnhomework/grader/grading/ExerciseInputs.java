package io.cnnhomework.grader.grading;

import io.cnnhomework.grader.exercise.Digits;
import io.cnnhomework.grader.exercise.LayerInput;
import io.cnnhomework.grader.exercise.Loop;
import io.cnnhomework.grader.exercise.OptimizerChoice;
import io.cnnhomework.grader.exercise.TaskInput;
import io.cnnhomework.grader.exercise.TrainingInput;
import io.cnnhomework.grader.reference.LayerCase;
import io.cnnhomework.grader.reference.ReferenceSet;
import io.cnnhomework.grader.reference.ReferenceTask;
import io.cnnhomework.tensor.Tensor;
import java.util.Map;

/**
 * The one place where a reference becomes what a submission receives: each function keeps a
 * case's or a task's inputs and initial weights and drops everything PyTorch measured (expected
 * tensors, loss curves, traces, the validation labels of the optional task). Whatever leaves this
 * class may cross to the child JVM.
 */
public final class ExerciseInputs {

    private final ReferenceSet reference;
    private Tensor trainX;
    private int[] trainLabels;
    private Tensor valX;

    /** @param reference the reference the inputs come from */
    public ExerciseInputs(ReferenceSet reference) {
        this.reference = reference;
    }

    /**
     * @param layerCase a per-layer case
     * @return its inputs and attributes
     */
    public static LayerInput layer(LayerCase layerCase) {
        return new LayerInput(layerCase.name(), layerCase.kind(), layerCase.attributes(), layerCase.inputs(), layerCase.labels());
    }

    /**
     * @param task a task of this reference
     * @return its inputs and initial weights; for the task that trains on the student's own
     *     preparation of the digits, the raw digits instead of a training batch, and the student's
     *     own training loop, which that task asks for (the notebook's {@code train_model})
     */
    public TaskInput task(ReferenceTask task) {
        String modelClass = switch (task.model()) {
            case "TorchGradientModel" -> "CustomModel";
            case "TorchGradientModel2" -> "CustomModel2";
            default -> throw new IllegalArgumentException("no homework model for " + task.model());
        };
        boolean prepared = task.usesDigits();
        Digits digits = reference.digits();
        return new TaskInput(task.id(), modelClass, task.inputSize(), task.numClasses(), task.epochs(),
                task.learningRate(), prepared ? null : task.trainX().copy(), prepared ? null : task.trainLabels().clone(),
                task.initialParams(), prepared ? digits : null, task.trainX().size(0), prepared ? Loop.STUDENT : Loop.NOTEBOOK);
    }

    /**
     * One training run of the optional task: the whole standardised training split with its
     * labels, and the validation images without theirs.
     *
     * @param run the run's name
     * @param optimizer a comparison's optimizer, or {@code null} for the recipe's own
     * @param order one permutation of the training rows per epoch, or {@code null} for the seed's
     * @param initialParams initial parameters by PyTorch's names, or {@code null} for the recipe's own
     * @param seed seeds the recipe's initial parameters and the batch order
     * @return what the submission receives
     * @throws IllegalArgumentException if a row of the order is not a permutation of the training rows
     */
    public TrainingInput training(String run, OptimizerChoice optimizer, int[][] order, Map<String, Tensor> initialParams,
            long seed) {
        standardiseOnce();
        if (order != null) {
            for (int epoch = 0; epoch < order.length; epoch++) {
                requirePermutation(order[epoch], trainLabels.length, epoch);
            }
        }
        return new TrainingInput(run, optimizer, trainX.copy(), trainLabels.clone(), valX.copy(), numClasses(), seed, order,
                initialParams);
    }

    /** @return the classes of the digits tasks */
    int numClasses() {
        return reference.task("task3").numClasses();
    }

    private void standardiseOnce() {
        if (trainX == null) {
            Digits digits = reference.digits();
            trainX = reference.standardisation().images(digits, digits.trainIndex());
            trainLabels = digits.labels(digits.trainIndex());
            valX = reference.standardisation().images(digits, digits.valIndex());
        }
    }

    private static void requirePermutation(int[] row, int n, int epoch) {
        boolean[] seen = new boolean[n];
        if (row.length != n) {
            throw new IllegalArgumentException("epoch " + epoch + " of the batch order has " + row.length + " rows, not " + n);
        }
        for (int index : row) {
            if (index < 0 || index >= n || seen[index]) {
                throw new IllegalArgumentException("epoch " + epoch + " of the batch order is not a permutation of 0.." + (n - 1)
                        + " (" + index + ")");
            }
            seen[index] = true;
        }
    }
}
