package homework;

import io.cnnhomework.nn.RunningStatistics;
import io.cnnhomework.nn.TrainableLayer;
import io.cnnhomework.tensor.Tensor;

/** Batch normalisation per channel, statistics and gradients in double. */
public class BatchNorm2d extends TrainableLayer implements RunningStatistics {

    public static final double EPS = 1e-5;
    public static final double MOMENTUM = 0.1;

    private final int numChannels;
    private Tensor runningMean;
    private Tensor runningVar;
    private boolean training = true;
    private double[] normalised;
    private double[] invStd;
    private int[] shape;

    public BatchNorm2d(int numChannels) {
        super(Tensor.ones(numChannels), Tensor.zeros(numChannels));
        this.numChannels = numChannels;
        this.runningMean = Tensor.zeros(numChannels);
        this.runningVar = Tensor.ones(numChannels);
    }

    @Override
    public Tensor forward(Tensor x) {
        return forward(Array64.of(x)).tensor();
    }

    @Override
    public Tensor backward(Tensor dout) {
        return backward(Array64.of(dout)).tensor();
    }

    Array64 forward(Array64 x) {
        shape = x.shape();
        int m = x.size(0);
        int plane = x.size(2) * x.size(3);
        int n = m * plane;
        double[] gamma = Array64.of(W).data();
        double[] beta = Array64.of(b).data();
        double[] mean = new double[numChannels];
        double[] var = new double[numChannels];
        if (training) {
            for (int c = 0; c < numChannels; c++) {
                double sum = 0;
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < plane; j++) {
                        sum += x.data()[(i * numChannels + c) * plane + j];
                    }
                }
                mean[c] = sum / n;
                double squares = 0;
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < plane; j++) {
                        double d = x.data()[(i * numChannels + c) * plane + j] - mean[c];
                        squares += d * d;
                    }
                }
                var[c] = squares / n;
            }
            double[] oldMean = Array64.of(runningMean).data();
            double[] oldVar = Array64.of(runningVar).data();
            double[] newMean = new double[numChannels];
            double[] newVar = new double[numChannels];
            for (int c = 0; c < numChannels; c++) {
                newMean[c] = (1 - MOMENTUM) * oldMean[c] + MOMENTUM * mean[c];
                newVar[c] = (1 - MOMENTUM) * oldVar[c] + MOMENTUM * var[c] * n / (n - 1);
            }
            runningMean = new Array64(newMean, new int[] {numChannels}).tensor();
            runningVar = new Array64(newVar, new int[] {numChannels}).tensor();
        } else {
            mean = Array64.of(runningMean).data();
            var = Array64.of(runningVar).data();
        }
        invStd = new double[numChannels];
        for (int c = 0; c < numChannels; c++) {
            invStd[c] = 1 / Math.sqrt(var[c] + EPS);
        }
        normalised = new double[x.data().length];
        double[] y = new double[x.data().length];
        for (int i = 0; i < m; i++) {
            for (int c = 0; c < numChannels; c++) {
                for (int j = 0; j < plane; j++) {
                    int at = (i * numChannels + c) * plane + j;
                    normalised[at] = (x.data()[at] - mean[c]) * invStd[c];
                    y[at] = gamma[c] * normalised[at] + beta[c];
                }
            }
        }
        return new Array64(y, shape);
    }

    Array64 backward(Array64 dout) {
        int m = shape[0];
        int plane = shape[2] * shape[3];
        int n = m * plane;
        double[] gamma = Array64.of(W).data();
        double[] dgamma = new double[numChannels];
        double[] dbeta = new double[numChannels];
        for (int i = 0; i < m; i++) {
            for (int c = 0; c < numChannels; c++) {
                for (int j = 0; j < plane; j++) {
                    int at = (i * numChannels + c) * plane + j;
                    dbeta[c] += dout.data()[at];
                    dgamma[c] += dout.data()[at] * normalised[at];
                }
            }
        }
        double[] dx = new double[dout.data().length];
        for (int i = 0; i < m; i++) {
            for (int c = 0; c < numChannels; c++) {
                for (int j = 0; j < plane; j++) {
                    int at = (i * numChannels + c) * plane + j;
                    // In eval mode mean and variance are constants: only the scaling remains.
                    double g = training ? dout.data()[at] - dbeta[c] / n - normalised[at] * dgamma[c] / n : dout.data()[at];
                    dx[at] = gamma[c] * invStd[c] * g;
                }
            }
        }
        double[] dw = new double[numChannels];
        double[] dbias = new double[numChannels];
        for (int c = 0; c < numChannels; c++) {
            dw[c] = dgamma[c] / m;
            dbias[c] = dbeta[c] / m;
        }
        dW = new Array64(dw, new int[] {numChannels}).tensor();
        db = new Array64(dbias, new int[] {numChannels}).tensor();
        return new Array64(dx, shape);
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
