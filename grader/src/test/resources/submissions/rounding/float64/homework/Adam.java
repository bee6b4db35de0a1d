package homework;

import io.cnnhomework.nn.Optimizer;
import io.cnnhomework.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/** Adam as torch.optim.Adam (L2 decay added to the gradient); moments and parameters in double. */
public class Adam implements Optimizer {

    private final double lr;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final boolean decoupled;
    private final Map<String, Array64> params = new LinkedHashMap<>();
    private final Map<String, double[]> first = new LinkedHashMap<>();
    private final Map<String, double[]> second = new LinkedHashMap<>();
    private int t;

    public Adam(Map<String, Tensor> params, double lr, double beta1, double beta2, double eps, double weightDecay) {
        this(params, lr, beta1, beta2, eps, weightDecay, false);
    }

    Adam(Map<String, Tensor> params, double lr, double beta1, double beta2, double eps, double weightDecay,
            boolean decoupled) {
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.decoupled = decoupled;
        params.forEach((key, value) -> {
            this.params.put(key, Array64.of(value));
            first.put(key, new double[value.numel()]);
            second.put(key, new double[value.numel()]);
        });
    }

    @Override
    public Map<String, Tensor> updateParams(Map<String, Tensor> grads) {
        t++;
        double correction1 = 1 - Math.pow(beta1, t);
        double correction2 = 1 - Math.pow(beta2, t);
        Map<String, Tensor> next = new LinkedHashMap<>();
        for (Map.Entry<String, Array64> entry : params.entrySet()) {
            double[] p = entry.getValue().data();
            double[] g = Array64.of(grads.get("d" + entry.getKey())).data();
            double[] m = first.get(entry.getKey());
            double[] v = second.get(entry.getKey());
            for (int i = 0; i < p.length; i++) {
                double grad = g[i];
                if (decoupled) {
                    p[i] *= 1 - lr * weightDecay;
                } else {
                    grad += weightDecay * p[i];
                }
                m[i] = beta1 * m[i] + (1 - beta1) * grad;
                v[i] = beta2 * v[i] + (1 - beta2) * grad * grad;
                p[i] -= lr * (m[i] / correction1) / (Math.sqrt(v[i] / correction2) + eps);
            }
            next.put(entry.getKey(), entry.getValue().tensor());
        }
        return next;
    }

    @Override
    public Map<String, Map<String, Tensor>> state() {
        Map<String, Map<String, Tensor>> state = new LinkedHashMap<>();
        if (t == 0) {
            return state;
        }
        params.forEach((key, value) -> state.put(key, Map.of(
                "exp_avg", new Array64(first.get(key), value.shape()).tensor(),
                "exp_avg_sq", new Array64(second.get(key), value.shape()).tensor())));
        return state;
    }
}
