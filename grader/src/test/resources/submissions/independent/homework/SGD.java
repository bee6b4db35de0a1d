package homework;

import io.cnnhomework.nn.Optimizer;
import io.cnnhomework.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

// Plain gradient descent, element by element.
public class SGD implements Optimizer {

    private final double lr;
    private Map<String, Tensor> params;

    public SGD(double lr, Map<String, Tensor> params) {
        this.lr = lr;
        this.params = new LinkedHashMap<>(params);
    }

    public SGD(Map<String, Tensor> params, double lr, double momentum, double dampening, double weightDecay,
            boolean nesterov) {
        throw new UnsupportedOperationException("SGD(params, lr, momentum, dampening, weightDecay, nesterov): keep the "
                + "hyperparameters and a momentum buffer per parameter");
    }

    @Override
    public Map<String, Tensor> updateParams(Map<String, Tensor> grads) {
        Map<String, Tensor> stepped = new LinkedHashMap<>();
        float rate = (float) lr;
        for (Map.Entry<String, Tensor> entry : params.entrySet()) {
            float[] p = entry.getValue().toArray();
            float[] g = grads.get("d" + entry.getKey()).toArray();
            for (int i = 0; i < p.length; i++) {
                p[i] -= rate * g[i];
            }
            stepped.put(entry.getKey(), Tensor.of(p, entry.getValue().shape()));
        }
        params = stepped;
        return stepped;
    }
}
