package io.cnnhomework.nn;

import io.cnnhomework.tensor.Tensor;
import java.util.Map;
import java.util.Random;

/**
 * The optional task: a network of the student's own design and how to train it on the whole
 * digits training split. The grader finds it as {@code homework.OwnNetwork} (public no-argument
 * constructor) and runs the training loop itself:
 * <pre>{@code
 * Model model = recipe.newModel(8, 10, new Random(seed));
 * Optimizer optimizer = recipe.newOptimizer(model.getParams());
 * for (int epoch = 0; epoch < recipe.epochs(); epoch++) {
 *     model.train();
 *     for (int[] batch : shuffledBatches(recipe.batchSize())) {   // a fresh order every epoch
 *         Tensor logits = model.forward(x[batch]);
 *         LossResult r = new CrossEntropyLoss().get(logits, oneHot(y[batch]));
 *         model.setParams(optimizer.updateParams(model.backward(r.deltaL())));
 *     }
 *     model.eval();   // validation accuracy, measured by the grader
 * }
 * }</pre>
 * It passes at 97 % validation accuracy. For the optimizer comparison the grader trains the same
 * network from the same initial parameters with the homework's {@code SGD}, {@code Adam} and
 * {@code AdamW}.
 *
 * <p>Дополнительное задание: своя сеть и то, как её обучать на всей обучающей части digits.
 */
public interface TrainingRecipe {

    /**
     * Builds the network with fresh initial parameters, e.g. PyTorch's default
     * {@code U(−1/√fan_in, 1/√fan_in)} for convolution and linear layers.
     *
     * @param inputSize the image side (8 for digits)
     * @param numClasses the number of classes (10)
     * @param random the only source of randomness to use, so that a run can be repeated
     * @return a new model in training mode
     */
    Model newModel(int inputSize, int numClasses, Random random);

    /**
     * Builds the network from given initial parameters, for a comparison with PyTorch trained from
     * the same weights. Optional: the grader's optional task does not call it.
     *
     * @param inputSize the image side
     * @param numClasses the number of classes
     * @param initialParams the initial parameters by PyTorch's names ({@code conv1.weight}, ...)
     * @return a new model in training mode
     * @throws UnsupportedOperationException if the recipe does not support it
     */
    default Model newModel(int inputSize, int numClasses, Map<String, Tensor> initialParams) {
        throw new UnsupportedOperationException("newModel(inputSize, numClasses, initialParams) is not implemented");
    }

    /**
     * @param params the new model's parameters, {@link Model#getParams()}
     * @return the optimizer to train with, e.g. {@code new Adam(params, 1e-2, 0.9, 0.999, 1e-8, 1e-4)}
     */
    Optimizer newOptimizer(Map<String, Tensor> params);

    /** @return how many passes over the training split, at least 1 */
    int epochs();

    /** @return the mini-batch size, at least 1; the last batch of an epoch may be smaller */
    int batchSize();
}
