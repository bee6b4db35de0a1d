package io.cnnhomework.grader.reference;

/**
 * What the exporter measured by training a task once more in float64 from the same initial weights
 * (task 3 also from the digits prepared in float64): how far a correct solution that rounds
 * differently lands from PyTorch's float32 curves under the notebook's rule.
 *
 * @param trainSummedError Σ over epochs |loss_float64 − loss_float32| of the training curve
 * @param valSummedError the same for task 3's validation curve, or NaN for a task without one
 * @param trainLoss the float64 training curve, or {@code null} where the set does not carry it
 *     (only the compact seed sets do)
 * @param valLoss the float64 validation curve (task 3 of a compact seed set), or {@code null}
 */
public record Float64Training(double trainSummedError, double valSummedError, double[] trainLoss, double[] valLoss) {
}
