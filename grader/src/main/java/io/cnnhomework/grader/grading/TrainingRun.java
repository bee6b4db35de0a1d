package io.cnnhomework.grader.grading;

import io.cnnhomework.grader.messages.Text;
import io.cnnhomework.grader.submission.FailureKind;

/**
 * One scored training run of the optional task.
 *
 * @param name {@code own} for the submission's own optimizer, else the comparison's name
 * @param optimizer the optimizer class that trained, e.g. {@code homework.Adam}
 * @param epochs the epochs the recipe asked for
 * @param batchSize the recipe's batch size
 * @param parameters how many numbers the model trains
 * @param trainLoss mean training loss per completed epoch
 * @param valLoss validation loss (mean cross-entropy, eval mode) per completed epoch
 * @param valAccuracy validation accuracy, 0 to 1, per completed epoch
 * @param seconds wall-clock training time, evaluation included
 * @param message one line: the final accuracy, or why the run stopped
 * @param failureKind the kind of student failure, or {@code null}
 */
public record TrainingRun(String name, String optimizer, int epochs, int batchSize, long parameters, double[] trainLoss,
        double[] valLoss, double[] valAccuracy, double seconds, Text message, FailureKind failureKind) {

    /** @return the last epoch's validation accuracy, or NaN when no epoch completed */
    public double finalAccuracy() {
        return valAccuracy.length == 0 ? Double.NaN : valAccuracy[valAccuracy.length - 1];
    }

    /** @return whether every epoch the recipe asked for ran with a finite loss */
    public boolean completed() {
        return failureKind == null && epochs > 0 && trainLoss.length == epochs && Double.isFinite(trainLoss[epochs - 1]);
    }
}
