package io.cnnhomework.bench;

import homework.CrossEntropyLoss;
import homework.SGD;
import io.cnnhomework.nn.LossFunction;
import io.cnnhomework.nn.LossResult;
import io.cnnhomework.nn.Optimizer;
import io.cnnhomework.tensor.Tensor;
import java.util.Map;
import java.util.Random;
import java.util.function.LongSupplier;

/**
 * One training step of {@link DigitsNetwork} on a fixed batch of 8 × 8 images, exactly as the
 * notebook's loop takes it: forward, cross-entropy (mean), backward, an SGD step, the new
 * parameters handed back to the model. The batch is drawn once from a seeded normal
 * distribution (the digits after normalisation have mean 0 and deviation 1 as well), with
 * seeded labels, so every run measures the same arithmetic.
 */
public final class TrainingStep {

    /** The learning rate; small enough that the loss keeps falling over thousands of steps. */
    public static final double LEARNING_RATE = 0.05;

    private final DigitsNetwork network;
    private final LossFunction loss = new CrossEntropyLoss();
    private final Optimizer optimizer;
    private final Tensor images;
    private final Tensor labels;
    private long lossNanos;
    private long optimizerNanos;
    private final LongSupplier clock;

    /**
     * Times the stages, the loss and the optimizer by {@link System#nanoTime()}.
     *
     * @param seed  seeds the weights, the images and the labels
     * @param batch the number of images per step
     */
    public TrainingStep(long seed, int batch) {
        this(seed, batch, System::nanoTime);
    }

    /**
     * @param seed  seeds the weights, the images and the labels
     * @param batch the number of images per step
     * @param clock nanoseconds, read around every stage, the loss and the optimizer
     */
    public TrainingStep(long seed, int batch, LongSupplier clock) {
        this.clock = clock;
        Random random = new Random(seed);
        network = new DigitsNetwork(random, clock);
        optimizer = new SGD(LEARNING_RATE, network.getParams());
        images = Tensor.randn(random, batch, 1, 8, 8);
        int[] classes = new int[batch];
        for (int i = 0; i < batch; i++) {
            classes[i] = random.nextInt(10);
        }
        labels = Tensor.oneHot(classes, 10);
    }

    /**
     * Runs one step.
     *
     * @return the loss of this step's forward pass
     */
    public float run() {
        Tensor logits = network.forward(images);
        long start = clock.getAsLong();
        LossResult result = loss.get(logits, labels);
        lossNanos += clock.getAsLong() - start;
        Map<String, Tensor> grads = network.backward(result.deltaL());
        start = clock.getAsLong();
        network.setParams(optimizer.updateParams(grads));
        optimizerNanos += clock.getAsLong() - start;
        return result.loss().item();
    }

    /** @return the network, for its per-stage times */
    public DigitsNetwork network() {
        return network;
    }

    /** @return nanoseconds spent in the loss (forward and deltaL) since construction */
    public long lossNanos() {
        return lossNanos;
    }

    /** @return nanoseconds spent in the optimizer step and setParams since construction */
    public long optimizerNanos() {
        return optimizerNanos;
    }
}
