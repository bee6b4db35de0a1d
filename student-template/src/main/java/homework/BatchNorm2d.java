package homework;

import io.cnnhomework.nn.RunningStatistics;
import io.cnnhomework.nn.TrainableLayer;
import io.cnnhomework.tensor.Tensor;

/**
 * Batch normalisation over (m, H, W) for each channel, as {@code nn.BatchNorm2d(C)}.
 * Пакетная нормализация по (m, H, W) для каждого канала, как {@code nn.BatchNorm2d(C)}.
 *
 * <p>Training mode / режим обучения, with n = m·H·W values per channel c:
 * <pre>
 *   μ_c  = (1/n) Σ x                      σ²_c = (1/n) Σ (x − μ_c)²    (biased / смещённая)
 *   x̂    = (x − μ_c) / √(σ²_c + eps)      y = γ_c · x̂ + β_c
 *   running_mean ← (1 − momentum)·running_mean + momentum·μ_c
 *   running_var  ← (1 − momentum)·running_var  + momentum·σ²_c · n/(n − 1)   (unbiased / несмещённая)
 * </pre>
 * Evaluation mode / режим оценки: normalise with running_mean and running_var instead.
 *
 * <p>Backward / обратный проход (per channel, sums over the n values):
 * <pre>
 *   dβ = Σ dy / m        dγ = Σ dy · x̂ / m                              (both modes / в обоих режимах)
 *   training / обучение:  dx = γ / √(σ² + eps) · (dy − (1/n) Σ dy − x̂ · (1/n) Σ (dy · x̂))
 *   evaluation / оценка:  dx = γ / √(running_var + eps) · dy
 * </pre>
 * In training mode μ and σ² are computed from the batch, so dx has the two centring terms; in
 * evaluation mode running_mean and running_var are constants and x̂ is normalised with them, so
 * only the scaling remains. В режиме обучения μ и σ² зависят от пакета, отсюда два вычитаемых
 * слагаемых; в режиме оценки running_mean и running_var — константы, и остаётся только множитель.
 *
 * <p>W is γ (starts at 1), b is β (starts at 0). eps = {@value #EPS} and momentum =
 * {@value #MOMENTUM}, as {@code nn.BatchNorm2d} — not the 1e-20 of the old template.
 */
public class BatchNorm2d extends TrainableLayer implements RunningStatistics {

    /** As {@code nn.BatchNorm2d}. */
    public static final float EPS = 1e-5f;
    /** As {@code nn.BatchNorm2d}. */
    public static final float MOMENTUM = 0.1f;

    private final int numChannels;
    private Tensor runningMean;
    private Tensor runningVar;
    private boolean training = true;

    /** @param numChannels C, the channels of the input {@code [m, C, H, W]} */
    public BatchNorm2d(int numChannels) {
        super(Tensor.ones(numChannels), Tensor.zeros(numChannels));
        this.numChannels = numChannels;
        this.runningMean = Tensor.zeros(numChannels);
        this.runningVar = Tensor.ones(numChannels);
    }

    /**
     * @param x the input {@code [m, C, H, W]}; in training mode also updates the running statistics
     * @return y, same shape
     */
    @Override
    public Tensor forward(Tensor x) {
        throw new UnsupportedOperationException("BatchNorm2d.forward: normalise each channel by its batch mean and biased variance");
    }

    /**
     * @param dout the error at the output {@code [m, C, H, W]}
     * @return dx, same shape; also sets dW (dγ) and db (dβ), divided by m
     */
    @Override
    public Tensor backward(Tensor dout) {
        throw new UnsupportedOperationException("BatchNorm2d.backward: compute dx, and dγ, dβ divided by the batch size");
    }

    @Override
    public void setTraining(boolean training) {
        this.training = training;
    }

    /** @return whether the layer is in training mode */
    public boolean isTraining() {
        return training;
    }

    /** @return C */
    public int numChannels() {
        return numChannels;
    }

    @Override
    public Tensor runningMean() {
        return runningMean;
    }

    @Override
    public Tensor runningVar() {
        return runningVar;
    }

    @Override
    public void setRunningStats(Tensor mean, Tensor var) {
        this.runningMean = mean;
        this.runningVar = var;
    }
}
