package homework;

import io.cnnhomework.nn.Model;
import io.cnnhomework.nn.Optimizer;
import io.cnnhomework.nn.TrainingRecipe;
import io.cnnhomework.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/** Known-good optional task: {@link DigitsNet} trained with Adam (lr 5e-3, weight decay 1e-4), batch 64, 40 epochs. */
public class OwnNetwork implements TrainingRecipe {

    @Override
    public Model newModel(int inputSize, int numClasses, Random random) {
        Map<String, Tensor> params = new LinkedHashMap<>();
        params.put("conv1.weight", uniform(random, 9, DigitsNet.CHANNELS1, 1, 3, 3));
        params.put("conv1.bias", uniform(random, 9, DigitsNet.CHANNELS1));
        params.put("conv2.weight", uniform(random, DigitsNet.CHANNELS1 * 9, DigitsNet.CHANNELS2, DigitsNet.CHANNELS1, 3, 3));
        params.put("conv2.bias", uniform(random, DigitsNet.CHANNELS1 * 9, DigitsNet.CHANNELS2));
        int flat = DigitsNet.flatSize(inputSize);
        params.put("fc1.weight", uniform(random, flat, numClasses, flat));
        params.put("fc1.bias", uniform(random, flat, numClasses));
        return newModel(inputSize, numClasses, params);
    }

    @Override
    public Model newModel(int inputSize, int numClasses, Map<String, Tensor> initialParams) {
        return new DigitsNet(inputSize, numClasses, initialParams);
    }

    @Override
    public Optimizer newOptimizer(Map<String, Tensor> params) {
        return new Adam(params, 5e-3, 0.9, 0.999, 1e-8, 1e-4);
    }

    @Override
    public int epochs() {
        return 40;
    }

    @Override
    public int batchSize() {
        return 64;
    }

    /** PyTorch's default for Conv2d and Linear: U(−1/√fan_in, 1/√fan_in). */
    private static Tensor uniform(Random random, int fanIn, int... shape) {
        float bound = (float) (1 / Math.sqrt(fanIn));
        return Tensor.rand(random, shape).mul(2 * bound).sub(bound);
    }
}
