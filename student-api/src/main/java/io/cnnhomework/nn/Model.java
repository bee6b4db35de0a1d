package io.cnnhomework.nn;

import io.cnnhomework.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A network assembled from the homework's layers: the notebook's {@code CustomModel} and
 * {@code CustomModel2}.
 *
 * <p>The grader constructs a submission's model through a public constructor
 * {@code (int inputSize, int numClasses, Map<String, Tensor> initialParams)}, where
 * {@code initialParams} holds PyTorch's initial parameters by PyTorch's names
 * ({@code conv1.weight}, {@code conv1.bias}, {@code bn1.weight}, {@code fc1.weight}, ...); that map
 * replaces the notebook's {@code torch_model_params}.
 *
 * <p>Parameters are exchanged under the notebook's keys: the i-th trainable layer of
 * {@link #layers()} (from 1) owns {@code Wi} and {@code bi}, and {@link #backward} returns its
 * gradients as {@code dWi} and {@code dbi}.
 *
 * <p>One training step, exactly as the notebook's {@code train_custom_model}:
 * <pre>{@code
 * Tensor yPred = model.forward(x);
 * LossResult r = cost.get(yPred, yOneHot);
 * Map<String, Tensor> grads = model.backward(r.deltaL());
 * model.setParams(optimizer.updateParams(grads));
 * }</pre>
 */
public abstract class Model {

    /**
     * The trainable layers in order, the notebook's {@code self.layers}
     * ({@code [conv1, fc1]} for task 1, {@code [conv1, bn1, fc1]} for task 2).
     *
     * @return the trainable layers; the same instances on every call
     */
    protected abstract List<? extends TrainableLayer> layers();

    /**
     * Runs the network on a batch and caches what {@link #backward} needs.
     *
     * @param x the input batch, {@code [m, 1, H, W]}
     * @return the logits, {@code [m, numClasses]}
     */
    public abstract Tensor forward(Tensor x);

    /**
     * Back-propagates deltaL through every layer, last to first.
     *
     * @param deltaL gradient of the batch-summed loss with respect to the logits, {@code [m, K]}
     * @return the gradients of the mean loss keyed {@code dW1, db1, dW2, db2, ...}
     */
    public abstract Map<String, Tensor> backward(Tensor deltaL);

    /**
     * The notebook's {@code get_params}: every trainable layer's W and b under {@code Wi, bi}.
     *
     * @return a new insertion-ordered map
     */
    public Map<String, Tensor> getParams() {
        Map<String, Tensor> params = new LinkedHashMap<>();
        List<? extends TrainableLayer> layers = checkedLayers();
        for (int i = 0; i < layers.size(); i++) {
            params.put("W" + (i + 1), layers.get(i).weight());
            params.put("b" + (i + 1), layers.get(i).bias());
        }
        return params;
    }

    /**
     * The notebook's {@code set_params}: hands {@code Wi, bi} back to the i-th trainable layer.
     *
     * @param params parameters keyed as {@link #getParams()} returns them
     * @throws IllegalArgumentException if a key is missing
     */
    public void setParams(Map<String, Tensor> params) {
        if (params == null) {
            throw new IllegalArgumentException("setParams: params is null");
        }
        List<? extends TrainableLayer> layers = checkedLayers();
        for (int i = 0; i < layers.size(); i++) {
            layers.get(i).setParameters(require(params, "W" + (i + 1)), require(params, "b" + (i + 1)));
        }
    }

    /**
     * The gradients the trainable layers hold after their {@code backward}, keyed as
     * {@link #backward} returns them: {@code dWi} and {@code dbi} for the i-th layer of
     * {@link #layers()}. A model's {@code backward} can end with {@code return gradients();}.
     *
     * @return a new insertion-ordered map
     */
    protected final Map<String, Tensor> gradients() {
        Map<String, Tensor> grads = new LinkedHashMap<>();
        List<? extends TrainableLayer> layers = checkedLayers();
        for (int i = 0; i < layers.size(); i++) {
            grads.put("dW" + (i + 1), layers.get(i).weightGrad());
            grads.put("db" + (i + 1), layers.get(i).biasGrad());
        }
        return grads;
    }

    /** Training mode (batch statistics in BatchNorm2d), PyTorch's {@code model.train()}. */
    public void train() {
        checkedLayers().forEach(layer -> layer.setTraining(true));
    }

    /** Evaluation mode (running statistics in BatchNorm2d), PyTorch's {@code model.eval()}. */
    public void eval() {
        checkedLayers().forEach(layer -> layer.setTraining(false));
    }

    private List<? extends TrainableLayer> checkedLayers() {
        List<? extends TrainableLayer> layers = layers();
        // List.of(...).contains(null) throws, so look for null by hand.
        if (layers == null || layers.stream().anyMatch(layer -> layer == null)) {
            throw new IllegalStateException(getClass().getSimpleName() + ".layers() returned " + layers
                    + "; return the trainable layers, e.g. List.of(conv1, fc1)");
        }
        return layers;
    }

    private static Tensor require(Map<String, Tensor> params, String key) {
        Tensor value = params.get(key);
        if (value == null) {
            throw new IllegalArgumentException("setParams: no parameter " + key + " among " + params.keySet());
        }
        return value;
    }
}
