package homework;

import io.cnnhomework.nn.Optimizer;
import io.cnnhomework.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/** Known-good Adam, torch.optim.Adam's rule; with {@code decoupled} it is AdamW's. */
public class Adam implements Optimizer {

    private final double lr;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final boolean decoupled;
    private final Map<String, Tensor> expAvg = new LinkedHashMap<>();
    private final Map<String, Tensor> expAvgSq = new LinkedHashMap<>();
    private Map<String, Tensor> params;
    private int step;

    public Adam(Map<String, Tensor> params, double lr, double beta1, double beta2, double eps, double weightDecay) {
        this(params, lr, beta1, beta2, eps, weightDecay, false);
    }

    protected Adam(Map<String, Tensor> params, double lr, double beta1, double beta2, double eps, double weightDecay,
            boolean decoupled) {
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.decoupled = decoupled;
        this.params = new LinkedHashMap<>(params);
    }

    @Override
    public Map<String, Tensor> updateParams(Map<String, Tensor> grads) {
        step++;
        double biasCorrection1 = 1 - Math.pow(beta1, step);
        double biasCorrection2 = 1 - Math.pow(beta2, step);
        Map<String, Tensor> next = new LinkedHashMap<>();
        params.forEach((key, value) -> {
            Tensor g = grads.get("d" + key);
            Tensor p = value;
            if (decoupled) {
                p = p.mul((float) (1 - lr * weightDecay));
            } else if (weightDecay != 0) {
                g = g.add(p.mul((float) weightDecay));
            }
            Tensor m = expAvg.getOrDefault(key, g.zerosLike()).mul((float) beta1).add(g.mul((float) (1 - beta1)));
            Tensor v = expAvgSq.getOrDefault(key, g.zerosLike()).mul((float) beta2).add(g.square().mul((float) (1 - beta2)));
            expAvg.put(key, m);
            expAvgSq.put(key, v);
            Tensor denominator = v.sqrt().div((float) Math.sqrt(biasCorrection2)).add((float) eps);
            next.put(key, p.sub(m.div(denominator).mul((float) (lr / biasCorrection1))));
        });
        params = next;
        return next;
    }

    @Override
    public Map<String, Map<String, Tensor>> state() {
        Map<String, Map<String, Tensor>> state = new LinkedHashMap<>();
        expAvg.forEach((key, m) -> state.put(key, Map.of("exp_avg", m, "exp_avg_sq", expAvgSq.get(key))));
        return state;
    }
}
