package homework;

import io.cnnhomework.nn.Optimizer;
import io.cnnhomework.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/** SGD as torch.optim.SGD, element by element in float. */
public class SGD implements Optimizer {

    private final float lr;
    private final float momentum;
    private final float dampening;
    private final float weightDecay;
    private final boolean nesterov;
    private final Map<String, Tensor> params;
    private final Map<String, float[]> buffers = new LinkedHashMap<>();

    public SGD(double lr, Map<String, Tensor> params) {
        this(params, lr, 0, 0, 0, false);
    }

    public SGD(Map<String, Tensor> params, double lr, double momentum, double dampening, double weightDecay,
            boolean nesterov) {
        this.params = new LinkedHashMap<>(params);
        this.lr = (float) lr;
        this.momentum = (float) momentum;
        this.dampening = (float) dampening;
        this.weightDecay = (float) weightDecay;
        this.nesterov = nesterov;
    }

    @Override
    public Map<String, Tensor> updateParams(Map<String, Tensor> grads) {
        for (Map.Entry<String, Tensor> entry : params.entrySet()) {
            float[] p = entry.getValue().toArray();
            float[] g = grads.get("d" + entry.getKey()).toArray();
            float[] buffer = buffers.get(entry.getKey());
            boolean first = buffer == null;
            if (momentum != 0f && first) {
                buffer = new float[p.length];
                buffers.put(entry.getKey(), buffer);
            }
            for (int i = 0; i < p.length; i++) {
                float d = weightDecay == 0f ? g[i] : g[i] + weightDecay * p[i];
                if (momentum != 0f) {
                    buffer[i] = first ? d : momentum * buffer[i] + (1 - dampening) * d;
                    d = nesterov ? d + momentum * buffer[i] : buffer[i];
                }
                p[i] = p[i] - lr * d;
            }
            entry.setValue(Tensor.of(p, entry.getValue().shape()));
        }
        return new LinkedHashMap<>(params);
    }

    @Override
    public Map<String, Map<String, Tensor>> state() {
        Map<String, Map<String, Tensor>> state = new LinkedHashMap<>();
        buffers.forEach((key, buffer) -> state.put(key, Map.of("momentum_buffer", Tensor.of(buffer.clone(), params.get(key).shape()))));
        return state;
    }
}
