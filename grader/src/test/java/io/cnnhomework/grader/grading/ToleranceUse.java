package io.cnnhomework.grader.grading;

import io.cnnhomework.grader.exercise.LayerOutput;
import io.cnnhomework.grader.reference.LayerCase;
import io.cnnhomework.grader.reference.TensorTolerance;
import io.cnnhomework.tensor.Tensor;
import java.util.Arrays;
import java.util.Map;

/**
 * How much of its tolerance a produced tensor uses: the largest |a − r| / (atol + rtol·|r|) over
 * its elements. Below 1 passes; a mistake's use is its margin over the tolerance.
 */
final class ToleranceUse {

    private ToleranceUse() {
    }

    /**
     * @param actual the produced tensor, or {@code null}
     * @param reference PyTorch's
     * @param tolerance the tensor's tolerance
     * @return the use; infinite for a missing tensor, another shape or a non-finite value where
     *     PyTorch's is finite
     */
    static double of(Tensor actual, Tensor reference, TensorTolerance tolerance) {
        if (actual == null || actual.numel() != reference.numel()
                || (!Arrays.equals(actual.shape(), reference.shape()) && reference.numel() > 1)) {
            return Double.POSITIVE_INFINITY;
        }
        float[] a = actual.toArray();
        float[] r = reference.toArray();
        double worst = 0;
        for (int i = 0; i < r.length; i++) {
            if (Float.compare(a[i], r[i]) == 0) {
                continue;
            }
            double use = Math.abs((double) a[i] - r[i]) / (tolerance.atol() + tolerance.rtol() * Math.abs(r[i]));
            worst = Double.isNaN(use) ? Double.POSITIVE_INFINITY : Math.max(worst, use);
        }
        return worst;
    }

    /**
     * @param layerCase a case
     * @param output what a layer produced for it
     * @return the largest use over the case's tensors
     */
    static double worst(LayerCase layerCase, LayerOutput output) {
        return worst(layerCase, output.tensors());
    }

    /**
     * @param layerCase a case
     * @param produced tensors by the case's names
     * @return the largest use over the case's tensors
     */
    static double worst(LayerCase layerCase, Map<String, Tensor> produced) {
        double worst = 0;
        for (Map.Entry<String, Tensor> expected : layerCase.expected().entrySet()) {
            worst = Math.max(worst, of(produced.get(expected.getKey()), expected.getValue(), layerCase.tolerance(expected.getKey())));
        }
        return worst;
    }
}
