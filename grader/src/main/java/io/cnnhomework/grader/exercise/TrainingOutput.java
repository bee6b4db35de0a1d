package io.cnnhomework.grader.exercise;

import io.cnnhomework.grader.submission.StudentFailure;
import io.cnnhomework.tensor.Tensor;
import java.util.List;

/**
 * What one training run of the optional task did.
 *
 * @param epochs the epochs the recipe asked for, 0 when it could not say
 * @param batchSize the recipe's batch size, 0 when it could not say
 * @param parameters how many numbers the model trains, the sum of its parameters' sizes
 * @param optimizer the optimizer's class, e.g. {@code homework.Adam}
 * @param trainLoss per completed epoch, the mean training loss (batch losses weighted by batch size)
 * @param valLogits per completed epoch, the validation logits in eval mode
 * @param seconds wall-clock time of the epochs, evaluation included
 * @param failure why the run stopped early, or {@code null}
 */
public record TrainingOutput(int epochs, int batchSize, long parameters, String optimizer, double[] trainLoss,
        List<Tensor> valLogits, double seconds, StudentFailure failure) implements Outcome {

    /** Defensive copy: an output is a value. */
    public TrainingOutput {
        valLogits = List.copyOf(valLogits);
    }

    /**
     * @param failure why nothing ran
     * @return an output with no epochs
     */
    public static TrainingOutput failed(StudentFailure failure) {
        return new TrainingOutput(0, 0, 0, "", new double[0], List.of(), 0, failure);
    }
}
