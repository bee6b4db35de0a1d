package homework;

import io.cnnhomework.nn.Model;
import io.cnnhomework.nn.TrainableLayer;
import io.cnnhomework.tensor.Tensor;
import java.util.List;
import java.util.Map;

/** Known-good task 1 network: conv1 → ReLU → flatten → fc1. */
public class CustomModel extends Model {

    private final Conv conv1;
    private final ReLU act1 = new ReLU();
    private final Fc fc1;
    private int[] activationShape;

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
        Tensor a = act1.forward(conv1.forward(x));
        activationShape = a.shape();
        return fc1.forward(a.flatten(1));
    }

    @Override
    public Map<String, Tensor> backward(Tensor deltaL) {
        Tensor d = fc1.backward(deltaL).reshape(activationShape);
        conv1.backward(act1.backward(d));
        return gradients();
    }
}
