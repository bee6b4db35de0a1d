package io.cnnhomework.grader.grading;

import io.cnnhomework.grader.reference.TensorTolerance;

/**
 * The one comparison rule for tensors: {@code |a − r| ≤ atol + rtol·|r|} (as ONNX's and DJL's
 * tests), checked after the shapes; NaN and infinity never pass unless the reference has the very
 * same value.
 *
 * @param atol absolute part
 * @param rtol relative part
 */
public record Tolerance(double atol, double rtol) {

    /**
     * The floor of every layer tensor's tolerance: most tensors round far less than it admits.
     * Each tensor of a layer case has its own, derived by the exporter from PyTorch's measured
     * float32 rounding ({@link #of(TensorTolerance)}; README, "How tolerances are derived").
     */
    public static final Tolerance LAYER = new Tolerance(1e-5, 1e-5);

    /**
     * Training traces. Task 3's lr = 1 curve is chaotic, so later epochs of a correct float32
     * run drift further from PyTorch than one layer does; a real mistake parts at once and widely.
     */
    public static final Tolerance TRACE = new Tolerance(1e-4, 1e-3);

    /**
     * @param derived a tensor's tolerance as the exporter derived it
     * @return the same rule
     */
    public static Tolerance of(TensorTolerance derived) {
        return new Tolerance(derived.atol(), derived.rtol());
    }

    /**
     * @param actual the submission's value
     * @param reference PyTorch's value
     * @return whether they agree
     */
    public boolean accepts(double actual, double reference) {
        if (!Double.isFinite(reference)) {
            return Double.compare(actual, reference) == 0;
        }
        return Math.abs(actual - reference) <= atol + rtol * Math.abs(reference);
    }
}
