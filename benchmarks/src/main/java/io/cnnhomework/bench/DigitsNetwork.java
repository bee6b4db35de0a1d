package io.cnnhomework.bench;

import homework.AvgPool;
import homework.BatchNorm2d;
import homework.Conv;
import homework.Fc;
import homework.ReLU;
import io.cnnhomework.nn.Layer;
import io.cnnhomework.nn.Model;
import io.cnnhomework.nn.TrainableLayer;
import io.cnnhomework.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongSupplier;

/**
 * The digits network of the course, built from the known-good layers: conv1 (1 → 16, 3 × 3,
 * padding 1), bn1, ReLU, 2 × 2 average pooling, conv2 (16 → 32, 3 × 3, padding 1), bn2, ReLU,
 * 2 × 2 average pooling, flatten, fc (128 → 10), on 8 × 8 images.
 *
 * <p>Every stage's forward and backward time is added up in {@link #forwardNanos()} and
 * {@link #backwardNanos()}, read from a clock given at construction: {@link System#nanoTime()}
 * for the benchmark (two calls per stage cost well under a microsecond per step, so the
 * benchmark and the profile measure the same code), or the thread's CPU time for a profile taken
 * on a machine shared with other work, where the wall time of a stage stretches with the load.
 */
public final class DigitsNetwork extends Model {

    /** The stages in forward order, as {@link #forwardNanos()} indexes them. */
    public static final List<String> STAGES =
            List.of("conv1", "bn1", "relu1", "pool1", "conv2", "bn2", "relu2", "pool2", "flatten", "fc");

    private final Conv conv1;
    private final BatchNorm2d bn1 = new BatchNorm2d(16);
    private final Conv conv2;
    private final BatchNorm2d bn2 = new BatchNorm2d(32);
    private final Fc fc;
    private final Layer[] stages;
    private final long[] forwardNanos;
    private final long[] backwardNanos;
    private final LongSupplier clock;

    /**
     * Times the stages by {@link System#nanoTime()}; see {@link #DigitsNetwork(Random, LongSupplier)}.
     *
     * @param random the source of the weights
     */
    public DigitsNetwork(Random random) {
        this(random, System::nanoTime);
    }

    /**
     * Draws the initial weights as PyTorch's default initialisation does: uniform in
     * {@code ±1/sqrt(fan_in)} for weights and biases alike.
     *
     * @param random the source of the weights
     * @param clock  nanoseconds, read before and after every stage
     */
    public DigitsNetwork(Random random, LongSupplier clock) {
        this.clock = clock;
        conv1 = new Conv(uniform(random, 9, 16, 1, 3, 3), uniform(random, 9, 16), 1, 1);
        conv2 = new Conv(uniform(random, 144, 32, 16, 3, 3), uniform(random, 144, 32), 1, 1);
        fc = new Fc(uniform(random, 128, 10, 128), uniform(random, 128, 10));
        stages = new Layer[] {conv1, bn1, new ReLU(), new AvgPool(2, 2), conv2, bn2, new ReLU(), new AvgPool(2, 2),
            new Flatten(), fc};
        forwardNanos = new long[stages.length];
        backwardNanos = new long[stages.length];
    }

    private static Tensor uniform(Random random, int fanIn, int... shape) {
        float bound = (float) (1 / Math.sqrt(fanIn));
        return Tensor.rand(random, shape).mul(2 * bound).sub(bound);
    }

    @Override
    protected List<TrainableLayer> layers() {
        return List.of(conv1, bn1, conv2, bn2, fc);
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor t = x;
        for (int i = 0; i < stages.length; i++) {
            long start = clock.getAsLong();
            t = stages[i].forward(t);
            forwardNanos[i] += clock.getAsLong() - start;
        }
        return t;
    }

    @Override
    public Map<String, Tensor> backward(Tensor deltaL) {
        Tensor d = deltaL;
        for (int i = stages.length - 1; i >= 0; i--) {
            long start = clock.getAsLong();
            d = stages[i].backward(d);
            backwardNanos[i] += clock.getAsLong() - start;
        }
        Map<String, Tensor> grads = new LinkedHashMap<>();
        List<TrainableLayer> layers = layers();
        for (int i = 0; i < layers.size(); i++) {
            grads.put("dW" + (i + 1), layers.get(i).weightGrad());
            grads.put("db" + (i + 1), layers.get(i).biasGrad());
        }
        return grads;
    }

    /** @return nanoseconds spent in each stage's forward since construction, by {@link #STAGES} */
    public long[] forwardNanos() {
        return forwardNanos;
    }

    /** @return nanoseconds spent in each stage's backward since construction, by {@link #STAGES} */
    public long[] backwardNanos() {
        return backwardNanos;
    }

    /** {@code [m, C, H, W] -> [m, C·H·W]}, the network's {@code nn.Flatten()}. */
    private static final class Flatten implements Layer {

        private int[] shape;

        @Override
        public Tensor forward(Tensor x) {
            shape = x.shape();
            return x.flatten(1);
        }

        @Override
        public Tensor backward(Tensor dZ) {
            return dZ.reshape(shape);
        }
    }
}
