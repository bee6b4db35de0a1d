package io.cnnhomework.grader.exercise;

import io.cnnhomework.grader.submission.StudentFailure;
import io.cnnhomework.tensor.Tensor;
import java.util.Map;

/**
 * One per-layer case as the submission sees it: which layer to build, with which attributes, and
 * the tensors to feed it. Nothing it could compare against.
 *
 * @param caseName the exporter's case directory, e.g. {@code conv_multichannel_stride2_pad1}
 * @param layer the homework class to build
 * @param attributes stride, padding, kernel, lr, training (1 or 0), ...
 * @param tensors the inputs: {@code input}, {@code grad_output}, {@code weight}, {@code bias},
 *     {@code running_mean_before}, {@code running_var_before}, and for SGD the parameters and
 *     gradients by the notebook's keys
 * @param labels class labels (CrossEntropyLoss), or {@code null}
 */
public record LayerInput(String caseName, LayerKind layer, Map<String, Double> attributes, Map<String, Tensor> tensors,
        int[] labels) implements Job {

    @Override
    public String what() {
        return caseName;
    }

    @Override
    public LayerOutput failed(StudentFailure failure) {
        return LayerOutput.failed(failure);
    }

    /**
     * @param name an attribute
     * @return its value as an int
     * @throws IllegalArgumentException if the case lacks it
     */
    public int intAttribute(String name) {
        return (int) Math.round(attribute(name));
    }

    /**
     * @param name an attribute
     * @return its value
     * @throws IllegalArgumentException if the case lacks it
     */
    public double attribute(String name) {
        Double value = attributes.get(name);
        if (value == null) {
            throw new IllegalArgumentException("case " + caseName + " has no attribute " + name);
        }
        return value;
    }

    /**
     * @param name an input tensor
     * @return a copy, so the submission cannot alter the reference
     * @throws IllegalArgumentException if the case lacks it
     */
    public Tensor tensor(String name) {
        Tensor value = tensors.get(name);
        if (value == null) {
            throw new IllegalArgumentException("case " + caseName + " has no tensor " + name);
        }
        return value.copy();
    }
}
