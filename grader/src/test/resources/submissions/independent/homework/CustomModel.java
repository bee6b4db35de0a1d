package homework;

import io.cnnhomework.nn.Model;
import io.cnnhomework.nn.TrainableLayer;
import io.cnnhomework.tensor.Tensor;
import java.util.List;
import java.util.Map;

// Task 1: convolution, ReLU, then the linear layer on the flattened activations.
public class CustomModel extends Model {

    private final Conv convolution;
    private final ReLU relu = new ReLU();
    private final Fc classifier;
    private int[] hiddenShape;

    public CustomModel(int inputSize, int numClasses, Map<String, Tensor> initialParams) {
        convolution = new Conv(initialParams.get("conv1.weight"), initialParams.get("conv1.bias"), 1, 0);
        classifier = new Fc(initialParams.get("fc1.weight"), initialParams.get("fc1.bias"));
    }

    @Override
    protected List<TrainableLayer> layers() {
        return List.of(convolution, classifier);
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor hidden = relu.forward(convolution.forward(x));
        hiddenShape = hidden.shape();
        return classifier.forward(hidden.reshape(hiddenShape[0], -1));
    }

    @Override
    public Map<String, Tensor> backward(Tensor deltaL) {
        Tensor back = classifier.backward(deltaL);
        convolution.backward(relu.backward(back.reshape(hiddenShape)));
        return gradients();
    }
}
