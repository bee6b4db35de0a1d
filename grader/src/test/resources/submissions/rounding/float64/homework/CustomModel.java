package homework;

import io.cnnhomework.nn.Model;
import io.cnnhomework.nn.TrainableLayer;
import io.cnnhomework.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Task 1's network; activations stay in double from the input to the logits and back. */
public class CustomModel extends Model {

    private final Conv conv1;
    private final ReLU relu = new ReLU();
    private final Fc fc1;
    private int[] convShape;

    public CustomModel(int inputSize, int numClasses, Map<String, Tensor> initialParams) {
        conv1 = new Conv(initialParams.get("conv1.weight"), initialParams.get("conv1.bias"), 1, 0);
        fc1 = new Fc(initialParams.get("fc1.weight"), initialParams.get("fc1.bias"));
    }

    @Override
    protected List<TrainableLayer> layers() {
        return List.of(conv1, fc1);
    }

    @Override
    public Tensor forward(Tensor x) {
        Array64 a = relu.forward(conv1.forward(Array64.of(x)));
        convShape = a.shape();
        return fc1.forward(a.reshape(convShape[0], a.data().length / convShape[0])).tensor();
    }

    @Override
    public Map<String, Tensor> backward(Tensor deltaL) {
        Array64 d = fc1.backward(Array64.of(deltaL)).reshape(convShape);
        conv1.backward(relu.backward(d));
        Map<String, Tensor> grads = new LinkedHashMap<>();
        grads.put("dW1", conv1.weightGrad());
        grads.put("db1", conv1.biasGrad());
        grads.put("dW2", fc1.weightGrad());
        grads.put("db2", fc1.biasGrad());
        return grads;
    }
}
