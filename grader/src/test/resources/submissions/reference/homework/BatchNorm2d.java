package homework;

import io.cnnhomework.nn.RunningStatistics;
import io.cnnhomework.nn.TrainableLayer;
import io.cnnhomework.tensor.Tensor;

/** Known-good batch normalisation, as nn.BatchNorm2d with eps 1e-5 and momentum 0.1. */
public class BatchNorm2d extends TrainableLayer implements RunningStatistics {

    public static final float EPS = 1e-5f;
    public static final float MOMENTUM = 0.1f;
    private static final int[] BATCH_AND_SPACE = {0, 2, 3};

    private final int numChannels;
    private Tensor runningMean;
    private Tensor runningVar;
    private boolean training = true;
    private Tensor normalised;
    private Tensor std;

    public BatchNorm2d(int numChannels) {
        super(Tensor.ones(numChannels), Tensor.zeros(numChannels));
        this.numChannels = numChannels;
        this.runningMean = Tensor.zeros(numChannels);
        this.runningVar = Tensor.ones(numChannels);
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor mean;
        Tensor var;
        if (training) {
            int n = x.numel() / numChannels;
            mean = x.mean(BATCH_AND_SPACE, true);
            var = x.var(BATCH_AND_SPACE, false, true);
            runningMean = runningMean.mul(1 - MOMENTUM).add(mean.reshape(numChannels).mul(MOMENTUM));
            runningVar = runningVar.mul(1 - MOMENTUM).add(var.reshape(numChannels).mul((float) n / (n - 1)).mul(MOMENTUM));
        } else {
            mean = runningMean.reshape(1, numChannels, 1, 1);
            var = runningVar.reshape(1, numChannels, 1, 1);
        }
        std = var.add(EPS).sqrt();
        // In place on the tensors just made: the same arithmetic, two fewer batch-sized copies.
        normalised = x.sub(mean).divInPlace(std);
        return normalised.mul(W.reshape(1, numChannels, 1, 1)).addInPlace(b.reshape(1, numChannels, 1, 1));
    }

    @Override
    public Tensor backward(Tensor dout) {
        int m = dout.size(0);
        Tensor gamma = W.reshape(1, numChannels, 1, 1);
        Tensor dBeta = dout.sum(BATCH_AND_SPACE, true);
        Tensor dGamma = dout.mul(normalised).sum(BATCH_AND_SPACE, true);
        dW = dGamma.reshape(numChannels).div(m);
        db = dBeta.reshape(numChannels).div(m);
        if (!training) {
            return dout.mul(gamma).div(std);
        }
        int n = dout.numel() / numChannels;
        Tensor centred = dout.sub(dBeta.div(n)).subInPlace(normalised.mul(dGamma.div(n)));
        return centred.mulInPlace(gamma.div(std));
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
