package homework;

import io.cnnhomework.nn.Model;
import io.cnnhomework.nn.TrainableLayer;
import io.cnnhomework.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * Known-good network for the whole digits set: conv1 (3×3, padding 1) → bn1 → ReLU → 2×2 avg
 * pool → conv2 (3×3, padding 1) → bn2 → ReLU → 2×2 avg pool → flatten → fc1.
 */
public class DigitsNet extends Model {

    static final int CHANNELS1 = 16;
    static final int CHANNELS2 = 32;

    private final Conv conv1;
    private final BatchNorm2d bn1 = new BatchNorm2d(CHANNELS1);
    private final ReLU act1 = new ReLU();
    private final AvgPool pool1 = new AvgPool(2, 2);
    private final Conv conv2;
    private final BatchNorm2d bn2 = new BatchNorm2d(CHANNELS2);
    private final ReLU act2 = new ReLU();
    private final AvgPool pool2 = new AvgPool(2, 2);
    private final Fc fc1;
    private int[] pooledShape;

    public DigitsNet(int inputSize, int numClasses, Map<String, Tensor> initialParams) {
        conv1 = new Conv(initialParams.get("conv1.weight"), initialParams.get("conv1.bias"), 1, 1);
        conv2 = new Conv(initialParams.get("conv2.weight"), initialParams.get("conv2.bias"), 1, 1);
        fc1 = new Fc(initialParams.get("fc1.weight"), initialParams.get("fc1.bias"));
    }

    /** The flattened size that reaches fc1: 32 channels of (side / 4)². */
    static int flatSize(int inputSize) {
        return CHANNELS2 * (inputSize / 4) * (inputSize / 4);
    }

    @Override
    protected List<TrainableLayer> layers() {
        return List.of(conv1, bn1, conv2, bn2, fc1);
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor h = pool1.forward(act1.forward(bn1.forward(conv1.forward(x))));
        Tensor pooled = pool2.forward(act2.forward(bn2.forward(conv2.forward(h))));
        pooledShape = pooled.shape();
        return fc1.forward(pooled.flatten(1));
    }

    @Override
    public Map<String, Tensor> backward(Tensor deltaL) {
        Tensor d = pool2.backward(fc1.backward(deltaL).reshape(pooledShape));
        d = pool1.backward(conv2.backward(bn2.backward(act2.backward(d))));
        conv1.backward(bn1.backward(act1.backward(d)));
        return gradients();
    }
}
