package homework;

import io.cnnhomework.nn.RunningStatistics;
import io.cnnhomework.nn.TrainableLayer;
import io.cnnhomework.tensor.Tensor;

// Per-channel statistics gathered with loops over images and pixels. Sums run in double; the
// normalised values and the standard deviation are kept in float, as PyTorch keeps them, since a
// variance close to eps magnifies any difference in how they are rounded.
public class BatchNorm2d extends TrainableLayer implements RunningStatistics {

    public static final float EPS = 1e-5f;
    public static final float MOMENTUM = 0.1f;

    private final int numChannels;
    private Tensor runningMean;
    private Tensor runningVar;
    private boolean training = true;

    private int[] dims;
    private float[] xhat;
    private float[] sigma;

    public BatchNorm2d(int numChannels) {
        super(Tensor.ones(numChannels), Tensor.zeros(numChannels));
        this.numChannels = numChannels;
        this.runningMean = Tensor.zeros(numChannels);
        this.runningVar = Tensor.ones(numChannels);
    }

    private int index(int img, int ch, int px) {
        return (img * numChannels + ch) * (dims[2] * dims[3]) + px;
    }

    @Override
    public Tensor forward(Tensor x) {
        dims = x.shape();
        int images = dims[0];
        int area = dims[2] * dims[3];
        int count = images * area;
        float[] v = x.toArray();
        float[] gamma = W.toArray();
        float[] beta = b.toArray();
        float[] rm = runningMean.toArray();
        float[] rv = runningVar.toArray();
        xhat = new float[v.length];
        sigma = new float[numChannels];
        float[] y = new float[v.length];
        for (int ch = 0; ch < numChannels; ch++) {
            float mu;
            float sigma2;
            if (training) {
                double s = 0;
                for (int img = 0; img < images; img++) {
                    for (int px = 0; px < area; px++) {
                        s += v[index(img, ch, px)];
                    }
                }
                mu = (float) (s / count);
                double sq = 0;
                for (int img = 0; img < images; img++) {
                    for (int px = 0; px < area; px++) {
                        double d = v[index(img, ch, px)] - mu;
                        sq += d * d;
                    }
                }
                sigma2 = (float) (sq / count);
                rm[ch] = (float) ((1 - MOMENTUM) * rm[ch] + MOMENTUM * mu);
                rv[ch] = (float) ((1 - MOMENTUM) * rv[ch] + MOMENTUM * sq / (count - 1));
            } else {
                mu = rm[ch];
                sigma2 = rv[ch];
            }
            sigma[ch] = (float) Math.sqrt(sigma2 + EPS);
            for (int img = 0; img < images; img++) {
                for (int px = 0; px < area; px++) {
                    int at = index(img, ch, px);
                    xhat[at] = (v[at] - mu) / sigma[ch];
                    y[at] = gamma[ch] * xhat[at] + beta[ch];
                }
            }
        }
        if (training) {
            runningMean = Tensor.of(rm, numChannels);
            runningVar = Tensor.of(rv, numChannels);
        }
        return Tensor.of(y, dims);
    }

    @Override
    public Tensor backward(Tensor dout) {
        int images = dims[0];
        int area = dims[2] * dims[3];
        int count = images * area;
        float[] g = dout.toArray();
        float[] gamma = W.toArray();
        float[] gradGamma = new float[numChannels];
        float[] gradBeta = new float[numChannels];
        float[] dx = new float[g.length];
        for (int ch = 0; ch < numChannels; ch++) {
            double sumG = 0;
            double sumGX = 0;
            for (int img = 0; img < images; img++) {
                for (int px = 0; px < area; px++) {
                    int at = index(img, ch, px);
                    sumG += g[at];
                    sumGX += g[at] * xhat[at];
                }
            }
            gradBeta[ch] = (float) (sumG / images);
            gradGamma[ch] = (float) (sumGX / images);
            float meanG = (float) (sumG / count);
            float meanGX = (float) (sumGX / count);
            for (int img = 0; img < images; img++) {
                for (int px = 0; px < area; px++) {
                    int at = index(img, ch, px);
                    float centred = training ? g[at] - meanG - xhat[at] * meanGX : g[at];
                    dx[at] = centred * gamma[ch] / sigma[ch];
                }
            }
        }
        dW = Tensor.of(gradGamma, numChannels);
        db = Tensor.of(gradBeta, numChannels);
        return Tensor.of(dx, dims);
    }

    @Override
    public void setTraining(boolean training) {
        this.training = training;
    }

    public boolean isTraining() {
        return training;
    }

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
