package io.cnnhomework.grader.reference;

import io.cnnhomework.tensor.Tensor;
import java.util.Map;

/**
 * One task of the reference: how PyTorch was trained and what it measured.
 *
 * @param id {@code task1}, {@code task2} or {@code task3}
 * @param model the PyTorch reference class, {@code TorchGradientModel} or {@code TorchGradientModel2}
 * @param epochs number of full-batch epochs
 * @param learningRate SGD learning rate
 * @param numClasses output classes
 * @param inputSize image side
 * @param trainX the training batch PyTorch saw (for task 3: the first rows of the prepared split)
 * @param trainLabels its classes
 * @param valX the validation batch (task 3), or {@code null}
 * @param valLabels its classes, or {@code null}
 * @param initialParams PyTorch's initial parameters and buffers by PyTorch's names
 * @param trainLoss PyTorch's training loss per epoch
 * @param valLoss PyTorch's validation loss per epoch in eval mode (task 3), or {@code null}
 * @param trace PyTorch's per-epoch values, each {@code [epochs, ...]}: {@code logits}, every
 *     parameter by PyTorch's name at the start of the epoch, its gradient as {@code NAME.grad}, and
 *     BatchNorm's running statistics after the epoch's forward pass
 */
public record ReferenceTask(
        String id,
        String model,
        int epochs,
        double learningRate,
        int numClasses,
        int inputSize,
        Tensor trainX,
        int[] trainLabels,
        Tensor valX,
        int[] valLabels,
        Map<String, Tensor> initialParams,
        double[] trainLoss,
        double[] valLoss,
        Map<String, Tensor> trace) {

    /** @return whether the task trains on the student's own preparation of the digits */
    public boolean usesDigits() {
        return valX != null;
    }
}
