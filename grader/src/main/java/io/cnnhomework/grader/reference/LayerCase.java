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
 * @param expected what PyTorch computed: {@code output}, {@code grad_input}, ...
 */
public record LayerCase(String name, String layer, int batch, String description, Map<String, Double> attributes,
        Map<String, Tensor> inputs, int[] labels, Map<String, Tensor> expected) {

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
