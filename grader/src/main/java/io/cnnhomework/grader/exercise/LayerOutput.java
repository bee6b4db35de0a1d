package io.cnnhomework.grader.exercise;

import io.cnnhomework.grader.submission.StudentFailure;
import io.cnnhomework.tensor.Tensor;
import java.util.Map;

/**
 * What a submission's layer computed for one case: tensors named as the exporter names the
 * expected ones ({@code output}, {@code grad_input}, {@code grad_weight}, {@code grad_bias},
 * {@code running_mean}, {@code running_var}, {@code W1_next}, ...).
 *
 * @param tensors what was computed before any failure
 * @param failure what went wrong in student code, or {@code null}
 */
public record LayerOutput(Map<String, Tensor> tensors, StudentFailure failure) implements Outcome {

    /** Defensive copy: an output is a value. */
    public LayerOutput {
        tensors = Map.copyOf(tensors);
    }

    /**
     * @param failure why nothing was computed
     * @return an output with no tensors
     */
    public static LayerOutput failed(StudentFailure failure) {
        return new LayerOutput(Map.of(), failure);
    }
}
