package homework;

import io.cnnhomework.nn.Model;
import io.cnnhomework.nn.Optimizer;
import io.cnnhomework.nn.TrainingRecipe;
import io.cnnhomework.tensor.Tensor;
import java.util.Map;
import java.util.Random;

/**
 * The optional task: your own convolutional network for the whole digits set, and how to train
 * it. It passes at 97 % validation accuracy. Build the model from the homework's layers (Conv,
 * BatchNorm2d, ReLU, AvgPool, MaxPool2d, Fc) in a class of your own that extends
 * {@link Model}, e.g. conv → batch norm → ReLU → pooling, twice, then a linear layer.
 *
 * <p>Дополнительное задание: своя сеть для всего набора digits и параметры её обучения.
 * Зачёт — от 97 % точности на валидации.
 */
public class OwnNetwork implements TrainingRecipe {

    /**
     * @param inputSize the image side (8)
     * @param numClasses the number of classes (10)
     * @param random draw every initial parameter from it
     * @return your model with fresh parameters
     */
    @Override
    public Model newModel(int inputSize, int numClasses, Random random) {
        throw new UnsupportedOperationException("OwnNetwork.newModel: build your network, initial parameters drawn from random");
    }

    /**
     * @param params the model's parameters
     * @return e.g. {@code new Adam(params, 1e-2, 0.9, 0.999, 1e-8, 1e-4)}
     */
    @Override
    public Optimizer newOptimizer(Map<String, Tensor> params) {
        throw new UnsupportedOperationException("OwnNetwork.newOptimizer: choose SGD, Adam or AdamW and its hyperparameters");
    }

    /** @return the number of epochs */
    @Override
    public int epochs() {
        throw new UnsupportedOperationException("OwnNetwork.epochs: how many passes over the training split");
    }

    /** @return the mini-batch size */
    @Override
    public int batchSize() {
        throw new UnsupportedOperationException("OwnNetwork.batchSize: how many images per step");
    }
}
