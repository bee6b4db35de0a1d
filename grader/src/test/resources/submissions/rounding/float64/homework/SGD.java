package homework;

import io.cnnhomework.nn.Optimizer;
import io.cnnhomework.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/** SGD as torch.optim.SGD; parameters and momentum buffers kept in double between steps. */
public class SGD implements Optimizer {

    private final double lr;
    private final double momentum;
    private final double dampening;
    private final double weightDecay;
    private final boolean nesterov;
    private final Map<String, Array64> params = new LinkedHashMap<>();
    private final Map<String, double[]> buffers = new LinkedHashMap<>();

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
        params.forEach((key, value) -> this.params.put(key, Array64.of(value)));
    }

    @Override
    public Map<String, Tensor> updateParams(Map<String, Tensor> grads) {
        Map<String, Tensor> next = new LinkedHashMap<>();
        for (Map.Entry<String, Array64> entry : params.entrySet()) {
            double[] p = entry.getValue().data();
            double[] g = Array64.of(grads.get("d" + entry.getKey())).data();
            double[] buffer = buffers.get(entry.getKey());
            boolean first = buffer == null;
            if (momentum != 0 && first) {
                buffer = new double[p.length];
                buffers.put(entry.getKey(), buffer);
            }
            for (int i = 0; i < p.length; i++) {
                double d = g[i] + weightDecay * p[i];
                if (momentum != 0) {
                    buffer[i] = first ? d : momentum * buffer[i] + (1 - dampening) * d;
                    d = nesterov ? d + momentum * buffer[i] : buffer[i];
                }
                p[i] -= lr * d;
            }
            next.put(entry.getKey(), entry.getValue().tensor());
        }
        return next;
    }

    @Override
    public Map<String, Map<String, Tensor>> state() {
        Map<String, Map<String, Tensor>> state = new LinkedHashMap<>();
        buffers.forEach((key, buffer) ->
                state.put(key, Map.of("momentum_buffer", new Array64(buffer, params.get(key).shape()).tensor())));
        return state;
    }
}
