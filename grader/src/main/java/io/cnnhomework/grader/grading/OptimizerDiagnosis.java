package io.cnnhomework.grader.grading;

import io.cnnhomework.grader.exercise.LayerKind;
import io.cnnhomework.grader.reference.LayerCase;
import io.cnnhomework.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Recognises the usual optimizer mistakes: replays {@code torch.optim}'s rule on the case's
 * parameters and gradients with one mistake at a time, and names the mistake whose parameters
 * and state match the submission's.
 */
final class OptimizerDiagnosis {

    /** A slip in SGD, Adam or AdamW, with its hint's message key. */
    enum Mistake {
        NO_BIAS_CORRECTION("hint.adam-bias-correction"),
        EPS_INSIDE_SQRT("hint.adam-eps-inside-sqrt"),
        DECAY_AFTER_STEP("hint.adamw-decay-after-step"),
        DECAY_AS_L2("hint.adamw-decay-as-l2"),
        DECAY_DECOUPLED("hint.adam-decay-decoupled"),
        DECAY_MISSING("hint.weight-decay-missing"),
        DAMPENING_ON_FIRST_STEP("hint.sgd-dampening-first-step"),
        NESTEROV_IGNORED("hint.sgd-nesterov-ignored"),
        DECAY_AFTER_MOMENTUM("hint.sgd-decay-after-momentum");

        private final String key;

        Mistake(String key) {
            this.key = key;
        }

        Hint hint() {
            return Hint.of(key.substring("hint.".length()));
        }
    }

    private OptimizerDiagnosis() {
    }

    /**
     * @param layerCase a multi-step optimizer case ({@code SGD} with momentum, {@code Adam}, {@code AdamW})
     * @param tensor the first tensor that differs, e.g. {@code W1_step1}
     * @param actual what the submission produced for it
     * @return the recognised mistake, if any
     */
    static Optional<Hint> diagnose(LayerCase layerCase, String tensor, Tensor actual) {
        for (Mistake mistake : candidates(layerCase)) {
            Tensor predicted = replay(layerCase, mistake).get(tensor);
            if (predicted != null && MistakeDiagnosis.matches(predicted, actual)) {
                return Optional.of(mistake.hint());
            }
        }
        return Optional.empty();
    }

    /** The mistakes that make a difference with this case's hyperparameters. */
    static List<Mistake> candidates(LayerCase layerCase) {
        boolean decay = attribute(layerCase, "weight_decay") != 0;
        List<Mistake> mistakes = new ArrayList<>();
        if (layerCase.kind() == LayerKind.SGD) {
            boolean momentum = attribute(layerCase, "momentum") != 0;
            if (momentum && attribute(layerCase, "dampening") != 0) {
                mistakes.add(Mistake.DAMPENING_ON_FIRST_STEP);
            }
            if (momentum && attribute(layerCase, "nesterov") != 0) {
                mistakes.add(Mistake.NESTEROV_IGNORED);
            }
            if (momentum && decay) {
                mistakes.add(Mistake.DECAY_AFTER_MOMENTUM);
            }
        } else {
            mistakes.add(Mistake.NO_BIAS_CORRECTION);
            mistakes.add(Mistake.EPS_INSIDE_SQRT);
            if (decay && layerCase.kind() == LayerKind.ADAMW) {
                mistakes.add(Mistake.DECAY_AFTER_STEP);
                mistakes.add(Mistake.DECAY_AS_L2);
            } else if (decay) {
                mistakes.add(Mistake.DECAY_DECOUPLED);
            }
        }
        if (decay) {
            mistakes.add(Mistake.DECAY_MISSING);
        }
        return mistakes;
    }

    /**
     * The case's steps by torch.optim's rule with one mistake, or none.
     *
     * @return tensors named as the case names them: {@code W1_step1}, {@code W1_exp_avg_step1}, ...
     */
    static Map<String, Tensor> replay(LayerCase layerCase, Mistake mistake) {
        Map<String, Tensor> params = new LinkedHashMap<>();
        layerCase.inputs().forEach((name, value) -> {
            if (name.matches("[Wb]\\d+")) {
                params.put(name, value);
            }
        });
        Map<String, Tensor> first = new HashMap<>();
        Map<String, Tensor> second = new HashMap<>();
        Map<String, Tensor> out = new LinkedHashMap<>();
        int steps = (int) attribute(layerCase, "steps");
        for (int step = 1; step <= steps; step++) {
            String suffix = "_step" + step;
            for (Map.Entry<String, Tensor> entry : params.entrySet()) {
                String key = entry.getKey();
                Tensor grad = layerCase.inputs().get("d" + key + suffix);
                Tensor next = layerCase.kind() == LayerKind.SGD
                        ? sgdStep(layerCase, mistake, step, entry.getValue(), grad, key, first, out, suffix)
                        : adamStep(layerCase, mistake, step, entry.getValue(), grad, key, first, second, out, suffix);
                entry.setValue(next);
                out.put(key + suffix, next);
            }
        }
        return out;
    }

    private static Tensor sgdStep(LayerCase c, Mistake mistake, int step, Tensor p, Tensor grad, String key,
            Map<String, Tensor> buffers, Map<String, Tensor> out, String suffix) {
        float lr = (float) attribute(c, "lr");
        float momentum = (float) attribute(c, "momentum");
        float dampening = (float) attribute(c, "dampening");
        float decay = (float) attribute(c, "weight_decay");
        boolean decayFirst = mistake != Mistake.DECAY_MISSING && mistake != Mistake.DECAY_AFTER_MOMENTUM;
        Tensor g = decayFirst ? grad.add(p.mul(decay)) : grad;
        Tensor buffer = step == 1 && mistake != Mistake.DAMPENING_ON_FIRST_STEP
                ? g : buffers.getOrDefault(key, g.zerosLike()).mul(momentum).add(g.mul(1 - dampening));
        buffers.put(key, buffer);
        out.put(key + "_momentum_buffer" + suffix, buffer);
        Tensor direction = attribute(c, "nesterov") != 0 && mistake != Mistake.NESTEROV_IGNORED ? g.add(buffer.mul(momentum)) : buffer;
        if (mistake == Mistake.DECAY_AFTER_MOMENTUM) {
            direction = direction.add(p.mul(decay));
        }
        return p.sub(direction.mul(lr));
    }

    private static Tensor adamStep(LayerCase c, Mistake mistake, int step, Tensor p, Tensor grad, String key,
            Map<String, Tensor> first, Map<String, Tensor> second, Map<String, Tensor> out, String suffix) {
        double lr = attribute(c, "lr");
        double beta1 = attribute(c, "beta1");
        double beta2 = attribute(c, "beta2");
        double eps = attribute(c, "eps");
        float decay = (float) attribute(c, "weight_decay");
        boolean adamW = c.kind() == LayerKind.ADAMW;
        boolean decoupled = adamW ? mistake != Mistake.DECAY_AS_L2 && mistake != Mistake.DECAY_MISSING : mistake == Mistake.DECAY_DECOUPLED;
        boolean l2 = adamW ? mistake == Mistake.DECAY_AS_L2 : mistake != Mistake.DECAY_MISSING && mistake != Mistake.DECAY_DECOUPLED;
        float shrink = (float) (1 - lr * decay);
        Tensor g = l2 ? grad.add(p.mul(decay)) : grad;
        if (decoupled && mistake != Mistake.DECAY_AFTER_STEP) {
            p = p.mul(shrink);
        }
        Tensor m = first.getOrDefault(key, g.zerosLike()).mul((float) beta1).add(g.mul((float) (1 - beta1)));
        Tensor v = second.getOrDefault(key, g.zerosLike()).mul((float) beta2).add(g.square().mul((float) (1 - beta2)));
        first.put(key, m);
        second.put(key, v);
        out.put(key + "_exp_avg" + suffix, m);
        out.put(key + "_exp_avg_sq" + suffix, v);
        boolean corrected = mistake != Mistake.NO_BIAS_CORRECTION;
        float correction1 = corrected ? (float) (1 - Math.pow(beta1, step)) : 1f;
        float correction2 = corrected ? (float) (1 - Math.pow(beta2, step)) : 1f;
        Tensor vHat = v.div(correction2);
        Tensor denominator = mistake == Mistake.EPS_INSIDE_SQRT ? vHat.add((float) eps).sqrt() : vHat.sqrt().add((float) eps);
        Tensor next = p.sub(m.div(correction1).div(denominator).mul((float) lr));
        return decoupled && mistake == Mistake.DECAY_AFTER_STEP ? next.mul(shrink) : next;
    }

    private static double attribute(LayerCase layerCase, String name) {
        Double value = layerCase.attributes().get(name);
        return value == null ? 0 : value;
    }
}
