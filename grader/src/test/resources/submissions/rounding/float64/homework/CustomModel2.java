package homework;

import io.cnnhomework.nn.Model;
import io.cnnhomework.nn.TrainableLayer;
import io.cnnhomework.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Tasks 2 and 3: conv → batch norm → ReLU → average pooling → linear, in double throughout. */
public class CustomModel2 extends Model {

    private final Conv conv1;
    private final BatchNorm2d bn1 = new BatchNorm2d(4);
    private final ReLU relu = new ReLU();
    private final AvgPool pool1 = new AvgPool(2, 2);
    private final Fc fc1;
    private int[] pooledShape;

    public CustomModel2(int inputSize, int numClasses, Map<String, Tensor> initialParams) {
        conv1 = new Conv(initialParams.get("conv1.weight"), initialParams.get("conv1.bias"), 1, 0);
        if (initialParams.containsKey("bn1.weight")) {
            bn1.setParameters(initialParams.get("bn1.weight"), initialParams.get("bn1.bias"));
        }
        if (initialParams.containsKey("bn1.running_mean")) {
            bn1.setRunningStats(initialParams.get("bn1.running_mean"), initialParams.get("bn1.running_var"));
        }
        fc1 = new Fc(initialParams.get("fc1.weight"), initialParams.get("fc1.bias"));
    }

    @Override
    protected List<TrainableLayer> layers() {
        return List.of(conv1, bn1, fc1);
    }

    @Override
    public Tensor forward(Tensor x) {
        Array64 a = pool1.forward(relu.forward(bn1.forward(conv1.forward(Array64.of(x)))));
        pooledShape = a.shape();
        return fc1.forward(a.reshape(pooledShape[0], a.data().length / pooledShape[0])).tensor();
    }

    @Override
    public Map<String, Tensor> backward(Tensor deltaL) {
        Array64 d = fc1.backward(Array64.of(deltaL)).reshape(pooledShape);
        conv1.backward(bn1.backward(relu.backward(pool1.backward(d))));
        Map<String, Tensor> grads = new LinkedHashMap<>();
        List<TrainableLayer> layers = layers();
        for (int i = 0; i < layers.size(); i++) {
            grads.put("dW" + (i + 1), layers.get(i).weightGrad());
            grads.put("db" + (i + 1), layers.get(i).biasGrad());
        }
        return grads;
    }
}
