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
 *     BatchNorm's running statistics after the epoch's forward pass; empty in a compact seed set
 * @param float64 what the same training measured in float64, or {@code null} where unknown (a task
 *     made by hand in a test)
 * @param preparedTolerance for task 3, how close a submission's prepared digits must be to PyTorch's
 *     ({@code trainX} and {@code valX}, or {@link Standardisation#images} for any rows), derived from
 *     the preparation's float32 rounding; {@code null} for the other tasks
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
        Map<String, Tensor> trace,
        Float64Training float64,
        TensorTolerance preparedTolerance) {

    /**
     * A task without the exporter's float64 measurement and prepared-data tolerance, as tests make them.
     *
     * @param id {@code task1}, {@code task2} or {@code task3}
     * @param model the PyTorch reference class
     * @param epochs number of full-batch epochs
     * @param learningRate SGD learning rate
     * @param numClasses output classes
     * @param inputSize image side
     * @param trainX the training batch
     * @param trainLabels its classes
     * @param valX the validation batch, or {@code null}
     * @param valLabels its classes, or {@code null}
     * @param initialParams PyTorch's initial parameters and buffers
     * @param trainLoss PyTorch's training loss per epoch
     * @param valLoss PyTorch's validation loss per epoch, or {@code null}
     * @param trace PyTorch's per-epoch values
     */
    public ReferenceTask(String id, String model, int epochs, double learningRate, int numClasses, int inputSize,
            Tensor trainX, int[] trainLabels, Tensor valX, int[] valLabels, Map<String, Tensor> initialParams,
            double[] trainLoss, double[] valLoss, Map<String, Tensor> trace) {
        this(id, model, epochs, learningRate, numClasses, inputSize, trainX, trainLabels, valX, valLabels, initialParams,
                trainLoss, valLoss, trace, null, null);
    }

    /** @return whether the task trains on the student's own preparation of the digits */
    public boolean usesDigits() {
        return valX != null;
    }
}
