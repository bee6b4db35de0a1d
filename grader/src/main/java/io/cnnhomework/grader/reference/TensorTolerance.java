package io.cnnhomework.grader.reference;

/**
 * How close a submission's tensor must be to PyTorch's, as the exporter derived it for that very
 * tensor: the grader accepts {@code a} against PyTorch's {@code r} when
 * {@code |a − r| ≤ atol + rtol·|r|} element-wise, and NaN or infinity never pass.
 *
 * <p>The exporter computes every tensor in float32 (the reference) and in float64 from the same
 * inputs; {@code spread} is their largest difference, how far float32 rounding moved the tensor in
 * PyTorch's own kernels. {@code atol} is the smallest absolute tolerance, not below the floor
 * 1e-5, under which ten times each element's measured rounding still passes; {@code rtol} is the
 * floor 1e-5 (README, "How tolerances are derived"). Most tensors keep the floor; BatchNorm2d on
 * a variance close to eps gets more.
 *
 * @param atol absolute part, ≥ 0
 * @param rtol relative part, ≥ 0
 * @param spread max |float32 − float64| measured by the exporter for this tensor, ≥ 0
 */
public record TensorTolerance(double atol, double rtol, double spread) {

    /**
     * @throws IllegalArgumentException if a part is negative, NaN or infinite
     */
    public TensorTolerance {
        if (!(atol >= 0 && rtol >= 0 && spread >= 0) || Double.isInfinite(atol) || Double.isInfinite(rtol)
                || Double.isInfinite(spread)) {
            throw new IllegalArgumentException("atol " + atol + ", rtol " + rtol + " and spread " + spread
                    + " must be finite and not negative");
        }
    }
}
