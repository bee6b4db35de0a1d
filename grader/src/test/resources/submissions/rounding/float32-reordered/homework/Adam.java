package homework;

import io.cnnhomework.nn.Optimizer;
import io.cnnhomework.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/** Adam as torch.optim.Adam, in float: the bias-corrected moments first, then the step. */
public class Adam implements Optimizer {

    private final float lr;
    private final float beta1;
    private final float beta2;
    private final float eps;
    private final float weightDecay;
    private final boolean decoupled;
    private final Map<String, Tensor> params;
    private final Map<String, float[]> m = new LinkedHashMap<>();
    private final Map<String, float[]> v = new LinkedHashMap<>();
    private int step;

    public Adam(Map<String, Tensor> params, double lr, double beta1, double beta2, double eps, double weightDecay) {
        this(params, lr, beta1, beta2, eps, weightDecay, false);
    }

    protected Adam(Map<String, Tensor> params, double lr, double beta1, double beta2, double eps, double weightDecay,
            boolean decoupled) {
        this.params = new LinkedHashMap<>(params);
        this.lr = (float) lr;
        this.beta1 = (float) beta1;
        this.beta2 = (float) beta2;
        this.eps = (float) eps;
        this.weightDecay = (float) weightDecay;
        this.decoupled = decoupled;
    }

    @Override
    public Map<String, Tensor> updateParams(Map<String, Tensor> grads) {
        step++;
        float correction1 = 1f - (float) Math.pow(beta1, step);
        float correction2 = 1f - (float) Math.pow(beta2, step);
        for (Map.Entry<String, Tensor> entry : params.entrySet()) {
            float[] p = entry.getValue().toArray();
            float[] g = grads.get("d" + entry.getKey()).toArray();
            float[] first = m.computeIfAbsent(entry.getKey(), key -> new float[p.length]);
            float[] second = v.computeIfAbsent(entry.getKey(), key -> new float[p.length]);
            for (int i = 0; i < p.length; i++) {
                float grad = g[i];
                if (decoupled) {
                    p[i] = p[i] * (1f - lr * weightDecay);
                } else if (weightDecay != 0f) {
                    grad = grad + weightDecay * p[i];
                }
                first[i] = beta1 * first[i] + (1f - beta1) * grad;
                second[i] = beta2 * second[i] + (1f - beta2) * grad * grad;
                float mHat = first[i] / correction1;
                float vHat = second[i] / correction2;
                p[i] = p[i] - lr * mHat / ((float) Math.sqrt(vHat) + eps);
            }
            entry.setValue(Tensor.of(p, entry.getValue().shape()));
        }
        return new LinkedHashMap<>(params);
    }

    @Override
    public Map<String, Map<String, Tensor>> state() {
        Map<String, Map<String, Tensor>> state = new LinkedHashMap<>();
        m.forEach((key, first) -> state.put(key, Map.of(
                "exp_avg", Tensor.of(first.clone(), params.get(key).shape()),
                "exp_avg_sq", Tensor.of(v.get(key).clone(), params.get(key).shape()))));
        return state;
    }
}
