package io.cnnhomework.nn;

import io.cnnhomework.tensor.Tensor;
import java.util.Objects;

/**
 * A layer with a weight {@code W} and a bias {@code b}, named as in the notebook so that the model
 * and the optimizer can treat every trainable layer alike (for BatchNorm2d, W is gamma and b is
 * beta).
 *
 * <p>{@link #backward} must fill {@link #dW} and {@link #db} with the gradients of the
 * <em>mean</em> loss, that is the batch-summed gradients divided by the batch size {@code m}.
 */
public abstract class TrainableLayer implements Layer {

    /** The weight; replaced, never mutated, by {@link #setParameters}. */
    protected Tensor W;
    /** The bias. */
    protected Tensor b;
    /** Gradient of the mean loss with respect to {@link #W}; set by {@link #backward}. */
    protected Tensor dW;
    /** Gradient of the mean loss with respect to {@link #b}; set by {@link #backward}. */
    protected Tensor db;

    /**
     * Starts the layer with its initial parameters; the gradients start at zero.
     *
     * @param W the initial weight
     * @param b the initial bias
     */
    protected TrainableLayer(Tensor W, Tensor b) {
        this.W = Objects.requireNonNull(W, "W");
        this.b = Objects.requireNonNull(b, "b");
        this.dW = W.zerosLike();
        this.db = b.zerosLike();
    }

    /** @return the current weight */
    public final Tensor weight() {
        return W;
    }

    /** @return the current bias */
    public final Tensor bias() {
        return b;
    }

    /** @return the weight gradient of the last {@link #backward} */
    public final Tensor weightGrad() {
        return dW;
    }

    /** @return the bias gradient of the last {@link #backward} */
    public final Tensor biasGrad() {
        return db;
    }

    /**
     * Replaces the parameters, as the notebook's {@code set_params} does after an optimizer step.
     *
     * @param W the new weight
     * @param b the new bias
     */
    public final void setParameters(Tensor W, Tensor b) {
        this.W = Objects.requireNonNull(W, "W");
        this.b = Objects.requireNonNull(b, "b");
    }
}
