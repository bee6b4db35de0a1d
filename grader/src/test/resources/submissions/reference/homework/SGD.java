package homework;

import io.cnnhomework.nn.Optimizer;
import io.cnnhomework.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/** Known-good SGD, torch.optim.SGD's rule: weight decay, momentum with dampening, Nesterov. */
public class SGD implements Optimizer {

    private final double lr;
    private final double momentum;
    private final double dampening;
    private final double weightDecay;
    private final boolean nesterov;
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private Map<String, Tensor> params;

    public SGD(double lr, Map<String, Tensor> params) {
        this(params, lr, 0, 0, 0, false);
    }

    public SGD(Map<String, Tensor> params, double lr, double momentum, double dampening, double weightDecay,
            boolean nesterov) {
        this.lr = lr;
        this.momentum = momentum;
        this.dampening = dampening;
        this.weightDecay = weightDecay;
        this.nesterov = nesterov;
        this.params = new LinkedHashMap<>(params);
    }

    @Override
    public Map<String, Tensor> updateParams(Map<String, Tensor> grads) {
        Map<String, Tensor> next = new LinkedHashMap<>();
        params.forEach((key, value) -> next.put(key, value.sub(direction(key, value, grads.get("d" + key)).mul((float) lr))));
        params = next;
        return next;
    }

    private Tensor direction(String key, Tensor value, Tensor grad) {
        Tensor g = weightDecay == 0 ? grad : grad.add(value.mul((float) weightDecay));
        if (momentum == 0) {
            return g;
        }
        Tensor previous = buffers.get(key);
        Tensor buffer = previous == null ? g.copy() : previous.mul((float) momentum).add(g.mul((float) (1 - dampening)));
        buffers.put(key, buffer);
        return nesterov ? g.add(buffer.mul((float) momentum)) : buffer;
    }

    @Override
    public Map<String, Map<String, Tensor>> state() {
        Map<String, Map<String, Tensor>> state = new LinkedHashMap<>();
        buffers.forEach((key, buffer) -> state.put(key, Map.of("momentum_buffer", buffer)));
        return state;
    }
}
