package homework;

import io.cnnhomework.nn.Model;
import io.cnnhomework.nn.TrainableLayer;
import io.cnnhomework.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * Task 1: the same network as the notebook's {@code TorchGradientModel}.
 * Задание 1: сеть, идентичная {@code TorchGradientModel}.
 *
 * <pre>
 *   conv1: Conv(4 filters 5×5, stride 1, padding 0)  →  ReLU  →  flatten  →  fc1: Fc(4·1·1 → numClasses)
 * </pre>
 * Build the layers from {@code initialParams} ({@code conv1.weight}, {@code conv1.bias},
 * {@code fc1.weight}, {@code fc1.bias}) — they replace the notebook's {@code torch_model_params}.
 * {@link #layers()} is the notebook's {@code self.layers = [self.conv1, self.fc1]}, so
 * {@code backward} returns {@code dW1, db1} (conv1) and {@code dW2, db2} (fc1).
 */
public class CustomModel extends Model {

    /**
     * @param inputSize image side (5)
     * @param numClasses output classes (2)
     * @param initialParams PyTorch's initial parameters by PyTorch's names
     */
    public CustomModel(int inputSize, int numClasses, Map<String, Tensor> initialParams) {
        throw new UnsupportedOperationException("CustomModel: create conv1, relu, fc1 from initialParams (conv1.weight, conv1.bias, fc1.weight, fc1.bias)");
    }

    @Override
    protected List<TrainableLayer> layers() {
        throw new UnsupportedOperationException("CustomModel.layers: return List.of(conv1, fc1)");
    }

    /**
     * @param x the batch {@code [m, 1, 5, 5]}
     * @return logits {@code [m, numClasses]}
     */
    @Override
    public Tensor forward(Tensor x) {
        throw new UnsupportedOperationException("CustomModel.forward: conv1 → relu → flatten → fc1");
    }

    /**
     * @param deltaL the error at the logits {@code [m, numClasses]}
     * @return {@code dW1, db1, dW2, db2}
     */
    @Override
    public Map<String, Tensor> backward(Tensor deltaL) {
        throw new UnsupportedOperationException("CustomModel.backward: fc1 → unflatten → relu → conv1, return dW1, db1, dW2, db2");
    }
}
