package io.cnnhomework.grader.exercise;

import io.cnnhomework.grader.submission.StudentFailure;
import io.cnnhomework.tensor.Tensor;
import java.util.Map;

/**
 * One training run of the optional task, and nothing to compare against: the validation labels
 * stay with the grader, which scores the validation logits the run returns.
 *
 * @param run how the report names the run: {@code own} for the submission's own optimizer, or an
 *     {@link OptimizerChoice#name()}
 * @param optimizer the optimizer to train with, or {@code null} for the recipe's own
 * @param trainX the whole standardised training split, {@code [N, 1, 8, 8]}
 * @param trainLabels its classes
 * @param valX the standardised validation split, {@code [M, 1, 8, 8]}
 * @param numClasses output classes
 * @param seed seeds the initial parameters ({@code new Random(seed)} given to the recipe) and,
 *     when {@code order} is {@code null}, the batch order
 * @param order the batch order, one permutation of the training rows per epoch, or {@code null}
 *     for {@link BatchOrder#shuffled}
 * @param initialParams initial parameters by PyTorch's names for the recipe's second
 *     {@code newModel}, or {@code null} to let it draw its own
 */
public record TrainingInput(String run, OptimizerChoice optimizer, Tensor trainX, int[] trainLabels, Tensor valX,
        int numClasses, long seed, int[][] order, Map<String, Tensor> initialParams) implements Job {

    @Override
    public String what() {
        return "optional-" + run;
    }

    @Override
    public TrainingOutput failed(StudentFailure failure) {
        return TrainingOutput.failed(failure);
    }
}
