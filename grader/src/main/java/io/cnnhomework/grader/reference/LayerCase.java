package io.cnnhomework.grader.reference;

import io.cnnhomework.grader.exercise.LayerKind;
import io.cnnhomework.tensor.Tensor;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One per-layer case from torch autograd, split into what the submission receives and what it
 * must reproduce.
 *
 * @param name the case directory, e.g. {@code conv_multichannel_stride2_pad1}
 * @param layer the homework class it exercises, e.g. {@code Conv}
 * @param batch the batch size m the gradients are divided by, or 0 where none applies
 * @param description what the case covers
 * @param attributes numeric attributes (stride, padding, kernel, lr; booleans as 1/0)
 * @param inputs tensors fed to the layer
 * @param labels class labels (CrossEntropyLoss), or {@code null}
 * @param expected what PyTorch computed in float32: {@code output}, {@code grad_input}, ...
 * @param tolerances for every tensor of {@code expected}, the tolerance the exporter derived from
 *     its measured float32 rounding
 * @param float64 PyTorch's results of the same computation in float64, rounded to float32 as a
 *     float64 implementation returns them, by the names of {@code expected}; empty except in the
 *     compact seed sets
 */
public record LayerCase(String name, String layer, int batch, String description, Map<String, Double> attributes,
        Map<String, Tensor> inputs, int[] labels, Map<String, Tensor> expected, Map<String, TensorTolerance> tolerances,
        Map<String, Tensor> float64) {

    /**
     * The tolerance of one expected tensor.
     *
     * @param tensor a name of {@link #expected()}, e.g. {@code grad_input}
     * @return its tolerance
     * @throws IllegalArgumentException if the case has no such tensor
     */
    public TensorTolerance tolerance(String tensor) {
        TensorTolerance tolerance = tolerances.get(tensor);
        if (tolerance == null) {
            throw new IllegalArgumentException("case " + name + " has no tensor " + tensor + " (has " + tolerances.keySet() + ")");
        }
        return tolerance;
    }

    /**
     * @return the homework class the case exercises
     * @throws IllegalStateException if the exporter named a class the homework does not have
     */
    public LayerKind kind() {
        return LayerKind.byClassName(layer)
                .orElseThrow(() -> new IllegalStateException("layer case " + name + " exercises " + layer + ", no homework class"));
    }

    /**
     * @return whether the case belongs to the optional task: MaxPool2d, Adam, AdamW, and SGD with
     *     momentum's hyperparameters (the seed's SGD has only a learning rate)
     */
    public boolean optional() {
        return kind().optionalOnly() || (kind() == LayerKind.SGD && attributes.containsKey("momentum"));
    }

    /** Names of the tensors a layer must produce; every other tensor of a case is an input. */
    static final Set<String> PRODUCED = Arrays.stream(LayerKind.values()).flatMap(kind -> kind.produces().stream())
            .collect(Collectors.toUnmodifiableSet());

    /**
     * An optimizer case's outputs: a parameter after step k ({@code W1_step2}) or its state then
     * ({@code W1_exp_avg_step2}); the gradients of step k ({@code dW1_step2}) are inputs.
     */
    private static final Pattern OPTIMIZER_STEP_OUTPUT = Pattern.compile("[Wb]\\d+(_[a-z_]+)?_step\\d+");

    static boolean isProduced(String tensorName) {
        return PRODUCED.contains(tensorName) || tensorName.endsWith("_next") || OPTIMIZER_STEP_OUTPUT.matcher(tensorName).matches();
    }
}
