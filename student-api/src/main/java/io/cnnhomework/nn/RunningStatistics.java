package io.cnnhomework.nn;

import io.cnnhomework.tensor.Tensor;

/**
 * A layer that keeps running statistics for evaluation mode, as BatchNorm2d does. The grader reads
 * and presets them to check the update rule
 * {@code running ← (1 − momentum)·running + momentum·batch statistic}.
 */
public interface RunningStatistics {

    /** @return the running mean, {@code [C]} */
    Tensor runningMean();

    /** @return the running (unbiased) variance, {@code [C]} */
    Tensor runningVar();

    /**
     * Replaces the running statistics, as loading PyTorch's {@code running_mean} and
     * {@code running_var} does.
     *
     * @param mean {@code [C]}
     * @param var {@code [C]}
     */
    void setRunningStats(Tensor mean, Tensor var);
}
