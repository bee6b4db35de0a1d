package homework;

import io.cnnhomework.nn.Model;
import io.cnnhomework.nn.TrainableLayer;
import io.cnnhomework.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * Tasks 2 and 3: the same network as the notebook's {@code TorchGradientModel2}.
 * Задания 2 и 3: сеть, идентичная {@code TorchGradientModel2}.
 *
 * <pre>
 *   conv1: Conv(4 filters 3×3, stride 1, padding 0) → bn1: BatchNorm2d(4) → ReLU
 *     → AvgPool(2, stride 2) → flatten → fc1: Fc(4·⌊(inputSize−2)/2⌋² → numClasses)
 * </pre>
 * Build the layers from {@code initialParams} ({@code conv1.*}, {@code bn1.*}, {@code fc1.*}).
 * {@link #layers()} is {@code [conv1, bn1, fc1]}, so {@code backward} returns
 * {@code dW1, db1} (conv1), {@code dW2, db2} (bn1: γ, β) and {@code dW3, db3} (fc1).
 */
public class CustomModel2 extends Model {

    /**
     * @param inputSize image side (5 in task 2, 8 in task 3)
     * @param numClasses output classes (2 in task 2, 10 in task 3)
     * @param initialParams PyTorch's initial parameters by PyTorch's names
     */
    public CustomModel2(int inputSize, int numClasses, Map<String, Tensor> initialParams) {
        throw new UnsupportedOperationException("CustomModel2: create conv1, bn1, relu, pool1, fc1 from initialParams");
    }

    @Override
    protected List<TrainableLayer> layers() {
        throw new UnsupportedOperationException("CustomModel2.layers: return List.of(conv1, bn1, fc1)");
    }

    /**
     * @param x the batch {@code [m, 1, inputSize, inputSize]}
     * @return logits {@code [m, numClasses]}
     */
    @Override
    public Tensor forward(Tensor x) {
        throw new UnsupportedOperationException("CustomModel2.forward: conv1 → bn1 → relu → pool1 → flatten → fc1");
    }

    /**
     * @param deltaL the error at the logits {@code [m, numClasses]}
     * @return {@code dW1, db1, dW2, db2, dW3, db3}
     */
    @Override
    public Map<String, Tensor> backward(Tensor deltaL) {
        throw new UnsupportedOperationException("CustomModel2.backward: back through every layer, return dW1..db3");
    }
}
