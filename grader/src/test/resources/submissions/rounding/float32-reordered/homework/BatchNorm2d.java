package homework;

import io.cnnhomework.nn.RunningStatistics;
import io.cnnhomework.nn.TrainableLayer;
import io.cnnhomework.tensor.Tensor;

/**
 * Batch normalisation by the textbook formulas in float; every per-channel sum is one float
 * accumulator walking the channel's values backwards.
 */
public class BatchNorm2d extends TrainableLayer implements RunningStatistics {

    public static final float EPS = 1e-5f;
    public static final float MOMENTUM = 0.1f;

    private final int numChannels;
    private Tensor runningMean;
    private Tensor runningVar;
    private boolean training = true;
    private float[] xhat;
    private float[] invStd;
    private int[] shape;

    public BatchNorm2d(int numChannels) {
        super(Tensor.ones(numChannels), Tensor.zeros(numChannels));
        this.numChannels = numChannels;
        this.runningMean = Tensor.zeros(numChannels);
        this.runningVar = Tensor.ones(numChannels);
    }

    @Override
    public Tensor forward(Tensor input) {
        float[] x = input.toArray();
        shape = input.shape();
        int m = shape[0];
        int plane = shape[2] * shape[3];
        int n = m * plane;
        float[] mean;
        float[] var;
        if (training) {
            mean = new float[numChannels];
            var = new float[numChannels];
            float[] oldMean = runningMean.toArray();
            float[] oldVar = runningVar.toArray();
            float[] newMean = new float[numChannels];
            float[] newVar = new float[numChannels];
            for (int c = 0; c < numChannels; c++) {
                float sum = 0f;
                for (int i = m - 1; i >= 0; i--) {
                    for (int j = plane - 1; j >= 0; j--) {
                        sum += x[(i * numChannels + c) * plane + j];
                    }
                }
                mean[c] = sum / n;
                float squares = 0f;
                for (int i = m - 1; i >= 0; i--) {
                    for (int j = plane - 1; j >= 0; j--) {
                        float d = x[(i * numChannels + c) * plane + j] - mean[c];
                        squares += d * d;
                    }
                }
                var[c] = squares / n;
                newMean[c] = (1 - MOMENTUM) * oldMean[c] + MOMENTUM * mean[c];
                newVar[c] = (1 - MOMENTUM) * oldVar[c] + MOMENTUM * (var[c] * n / (n - 1));
            }
            runningMean = Tensor.of(newMean, numChannels);
            runningVar = Tensor.of(newVar, numChannels);
        } else {
            mean = runningMean.toArray();
            var = runningVar.toArray();
        }
        float[] gamma = W.toArray();
        float[] beta = b.toArray();
        invStd = new float[numChannels];
        for (int c = 0; c < numChannels; c++) {
            invStd[c] = 1f / (float) Math.sqrt(var[c] + EPS);
        }
        xhat = new float[x.length];
        float[] y = new float[x.length];
        for (int i = 0; i < m; i++) {
            for (int c = 0; c < numChannels; c++) {
                for (int j = 0; j < plane; j++) {
                    int at = (i * numChannels + c) * plane + j;
                    xhat[at] = (x[at] - mean[c]) * invStd[c];
                    y[at] = gamma[c] * xhat[at] + beta[c];
                }
            }
        }
        return Tensor.of(y, shape);
    }

    @Override
    public Tensor backward(Tensor dout) {
        float[] dy = dout.toArray();
        int m = shape[0];
        int plane = shape[2] * shape[3];
        int n = m * plane;
        float[] gamma = W.toArray();
        float[] dgamma = new float[numChannels];
        float[] dbeta = new float[numChannels];
        for (int c = 0; c < numChannels; c++) {
            for (int i = m - 1; i >= 0; i--) {
                for (int j = plane - 1; j >= 0; j--) {
                    int at = (i * numChannels + c) * plane + j;
                    dbeta[c] += dy[at];
                    dgamma[c] += dy[at] * xhat[at];
                }
            }
        }
        float[] dx = new float[dy.length];
        for (int i = 0; i < m; i++) {
            for (int c = 0; c < numChannels; c++) {
                float meanDy = dbeta[c] / n;
                float meanDyXhat = dgamma[c] / n;
                for (int j = 0; j < plane; j++) {
                    int at = (i * numChannels + c) * plane + j;
                    // Eval mode: the statistics are constants, so only the scaling is differentiated.
                    float g = training ? dy[at] - meanDy - xhat[at] * meanDyXhat : dy[at];
                    dx[at] = gamma[c] * invStd[c] * g;
                }
            }
        }
        float[] dw = new float[numChannels];
        float[] dbias = new float[numChannels];
        for (int c = 0; c < numChannels; c++) {
            dw[c] = dgamma[c] / m;
            dbias[c] = dbeta[c] / m;
        }
        dW = Tensor.of(dw, numChannels);
        db = Tensor.of(dbias, numChannels);
        return Tensor.of(dx, shape);
    }

    @Override
    public void setTraining(boolean training) {
        this.training = training;
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
