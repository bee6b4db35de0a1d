package homework;

import io.cnnhomework.nn.Optimizer;
import io.cnnhomework.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/** Known-good plain SGD. */
public class SGD implements Optimizer {

    private final double lr;
    private Map<String, Tensor> params;

    public SGD(double lr, Map<String, Tensor> params) {
        this.lr = lr;
        this.params = new LinkedHashMap<>(params);
    }

    @Override
    public Map<String, Tensor> updateParams(Map<String, Tensor> grads) {
        Map<String, Tensor> next = new LinkedHashMap<>();
        params.forEach((key, value) -> next.put(key, value.sub(grads.get("d" + key).mul((float) lr))));
        params = next;
        return next;
    }
}
