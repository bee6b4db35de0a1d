package io.cnnhomework.grader.grading;

import io.cnnhomework.grader.exercise.LayerKind;
import io.cnnhomework.grader.reference.LayerCase;
import io.cnnhomework.tensor.Tensor;
import java.util.Arrays;
import java.util.Optional;

/**
 * Recognises the usual mistakes from the shape of a layer's error: the grader recomputes what the
 * layer would have produced with the mistake (a gradient not divided by the batch size, eps 1e-20,
 * a flipped kernel, ...) and names the mistake whose prediction matches what the submission
 * produced.
 */
final class MistakeDiagnosis {

    /** How closely a mistake's prediction must match the submission's tensor. */
    static final Tolerance VARIANT = new Tolerance(1e-5, 1e-4);

    private static final int[] BATCH_AND_SPACE = {0, 2, 3};

    private MistakeDiagnosis() {
    }

    /**
     * @param layerCase the case, with its inputs and PyTorch's results
     * @param tensor the first tensor that differs
     * @param actual what the submission produced for it
     * @return the recognised mistake, if any
     */
    static Optional<Hint> diagnose(LayerCase layerCase, String tensor, Tensor actual) {
        Tensor expected = layerCase.expected().get(tensor);
        if (actual == null || expected == null) {
            return Optional.empty();
        }
        if (!expected.hasNonFinite() && actual.hasNonFinite()
                && (layerCase.kind() == LayerKind.SOFTMAX || layerCase.kind() == LayerKind.CROSS_ENTROPY)) {
            return Optional.of(Hint.of("softmax-overflow"));
        }
        if (expected.numel() != actual.numel() || (!expected.sameShape(actual) && expected.numel() > 1)) {
            return shapeMistake(layerCase, tensor, expected, actual);
        }
        Optional<Hint> specific = switch (layerCase.kind()) {
            case SGD -> layerCase.attributes().containsKey("momentum")
                    ? OptimizerDiagnosis.diagnose(layerCase, tensor, actual) : sgdMistake(layerCase, tensor, actual);
            case ADAM, ADAMW -> OptimizerDiagnosis.diagnose(layerCase, tensor, actual);
            case MAX_POOL -> tieMistake(layerCase, tensor, actual);
            case RELU -> reluAtZero(layerCase, tensor, expected, actual);
            case BATCH_NORM -> batchNormMistake(layerCase, tensor, actual);
            case CONV -> tensor.equals("output") && matches(flippedConvolution(layerCase), actual)
                    ? Optional.of(Hint.of("kernel-flipped")) : Optional.empty();
            default -> Optional.empty();
        };
        return specific.isPresent() || tensor.contains("_step") ? specific : scaleMistake(layerCase, tensor, expected, actual);
    }

    private static Optional<Hint> shapeMistake(LayerCase layerCase, String tensor, Tensor expected, Tensor actual) {
        int[] e = expected.shape();
        int[] a = actual.shape();
        if (tensor.equals("grad_weight") && e.length == 2 && a.length == 2 && e[0] == a[1] && e[1] == a[0]) {
            return Optional.of(Hint.of("weight-grad-transposed", Arrays.toString(a), Arrays.toString(e)));
        }
        if (!tensor.equals("output") || a.length != 4) {
            return Optional.empty();
        }
        int[] in = layerCase.inputs().get("input").shape();
        boolean conv = layerCase.kind() == LayerKind.CONV;
        if (!conv && layerCase.kind() != LayerKind.AVG_POOL && layerCase.kind() != LayerKind.MAX_POOL) {
            return Optional.empty();
        }
        // Conv varies stride and padding, AvgPool window and stride; the explanation closest to
        // the case's own attributes is the likeliest mistake.
        int window = conv ? layerCase.inputs().get("weight").size(2) : (int) attribute(layerCase, "kernel");
        int stride = (int) attribute(layerCase, "stride");
        int second = conv ? (int) attribute(layerCase, "padding") : window;
        int[] best = null;
        for (int s = 1; s <= 4; s++) {
            for (int v = conv ? 0 : 1; v <= 4; v++) {
                int f = conv ? window : v;
                int padding = conv ? v : 0;
                boolean fits = in[2] + 2 * padding >= f && in[3] + 2 * padding >= f
                        && a[2] == (in[2] + 2 * padding - f) / s + 1 && a[3] == (in[3] + 2 * padding - f) / s + 1;
                // Ties go to the usual slip: padding in a convolution, the stride in pooling.
                int distance = conv ? 2 * Math.abs(s - stride) + Math.abs(v - second) : Math.abs(s - stride) + 2 * Math.abs(v - second);
                if (fits && distance > 0 && (best == null || distance < best[2])) {
                    best = new int[] {s, v, distance};
                }
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        return Optional.of(conv
                ? Hint.of("conv-geometry", Arrays.toString(a), best[0], best[1], stride, second)
                : Hint.of("pool-geometry", Arrays.toString(a), best[1], best[0], window, stride));
    }

    private static Optional<Hint> scaleMistake(LayerCase layerCase, String tensor, Tensor expected, Tensor actual) {
        Double scale = scale(expected, actual);
        if (scale == null) {
            return Optional.empty();
        }
        int m = layerCase.batch();
        boolean parameterGrad = tensor.equals("grad_weight") || tensor.equals("grad_bias");
        if (layerCase.kind() == LayerKind.CROSS_ENTROPY) {
            if (tensor.equals("output") && near(scale, m)) {
                return Optional.of(Hint.of("loss-not-mean", m));
            }
            if (tensor.equals("grad_input") && near(scale, 1.0 / m)) {
                return Optional.of(Hint.of("delta-divided", m));
            }
        }
        if (layerCase.kind() == LayerKind.AVG_POOL) {
            int f = (int) attribute(layerCase, "kernel");
            if (near(scale, f) || near(scale, f * f)) {
                return Optional.of(Hint.of("avgpool-divisor", f * f, number(f * f / scale)));
            }
        }
        if (m > 1 && parameterGrad && near(scale, m)) {
            return Optional.of(Hint.of("grad-not-divided", tensor, m));
        }
        if (m > 1 && parameterGrad && near(scale, 1.0 / m)) {
            return Optional.of(Hint.of("grad-divided-twice", tensor, m));
        }
        if (m > 1 && tensor.equals("grad_input") && near(scale, 1.0 / m)) {
            return Optional.of(Hint.of("dx-divided", m));
        }
        if (near(scale, -1)) {
            return Optional.of(Hint.of("sign-flipped", tensor));
        }
        return Optional.empty();
    }

    private static Optional<Hint> sgdMistake(LayerCase layerCase, String tensor, Tensor actual) {
        if (!tensor.endsWith("_next")) {
            return Optional.empty();
        }
        String key = tensor.substring(0, tensor.length() - "_next".length());
        Tensor param = layerCase.inputs().get(key);
        Tensor grad = layerCase.inputs().get("d" + key);
        if (param == null || grad == null) {
            return Optional.empty();
        }
        double lr = attribute(layerCase, "lr");
        if (matches(param.add(grad.mul((float) lr)), actual)) {
            return Optional.of(Hint.of("sgd-wrong-sign"));
        }
        Double step = scale(grad.mul((float) -lr), actual.sub(param));
        if (step != null && !near(step, 1)) {
            return Optional.of(Hint.of("sgd-wrong-lr", number(step * lr), number(lr)));
        }
        return Optional.empty();
    }

    /**
     * MaxPool2d's gradient sent to the last of tied maxima, or to all of them, where PyTorch sends
     * it to the first in row-major order.
     */
    private static Optional<Hint> tieMistake(LayerCase layerCase, String tensor, Tensor actual) {
        if (!tensor.equals("grad_input")) {
            return Optional.empty();
        }
        if (matches(maxPoolGradient(layerCase, false), actual)) {
            return Optional.of(Hint.of("maxpool-tie-last"));
        }
        if (matches(maxPoolGradient(layerCase, true), actual)) {
            return Optional.of(Hint.of("maxpool-tie-all"));
        }
        return Optional.empty();
    }

    /** dX of max pooling when ties go to the last maximum, or to every maximum. */
    private static Tensor maxPoolGradient(LayerCase layerCase, boolean everyMaximum) {
        Tensor x = layerCase.inputs().get("input");
        Tensor dout = layerCase.inputs().get("grad_output");
        int f = (int) attribute(layerCase, "kernel");
        int s = (int) attribute(layerCase, "stride");
        Tensor dx = x.zerosLike();
        for (int i = 0; i < dout.size(0); i++) {
            for (int c = 0; c < dout.size(1); c++) {
                for (int h = 0; h < dout.size(2); h++) {
                    for (int w = 0; w < dout.size(3); w++) {
                        float max = Float.NEGATIVE_INFINITY;
                        int last = -1;
                        for (int u = 0; u < f * f; u++) {
                            float value = x.get(i, c, h * s + u / f, w * s + u % f);
                            if (value >= max) {
                                max = value;
                                last = u;
                            }
                        }
                        for (int u = 0; u < f * f; u++) {
                            int row = h * s + u / f;
                            int col = w * s + u % f;
                            if (everyMaximum ? x.get(i, c, row, col) == max : u == last) {
                                dx.set(dx.get(i, c, row, col) + dout.get(i, c, h, w), i, c, row, col);
                            }
                        }
                    }
                }
            }
        }
        return dx;
    }

    private static Optional<Hint> reluAtZero(LayerCase layerCase, String tensor, Tensor expected, Tensor actual) {
        if (!tensor.equals("grad_input")) {
            return Optional.empty();
        }
        float[] x = layerCase.inputs().get("input").toArray();
        float[] e = expected.toArray();
        float[] a = actual.toArray();
        Tolerance tolerance = Tolerance.of(layerCase.tolerance(tensor));
        for (int i = 0; i < e.length; i++) {
            if (!tolerance.accepts(a[i], e[i]) && x[i] != 0f) {
                return Optional.empty();
            }
        }
        return Optional.of(Hint.of("relu-at-zero"));
    }

    private static Optional<Hint> batchNormMistake(LayerCase layerCase, String tensor, Tensor actual) {
        Tensor x = layerCase.inputs().get("input");
        boolean training = attribute(layerCase, "training") != 0;
        int channels = x.size(1);
        Tensor batchMean = x.mean(BATCH_AND_SPACE, false);
        switch (tensor) {
            case "output" -> {
                if (!training && matches(batchNorm(layerCase, 1e-5, false, true), actual)) {
                    return Optional.of(Hint.of("bn-eval-batch-stats"));
                }
                if (training && matches(batchNorm(layerCase, 1e-20, false, true), actual)) {
                    return Optional.of(Hint.of("bn-eps"));
                }
                if (training && matches(batchNorm(layerCase, 1e-5, true, true), actual)) {
                    return Optional.of(Hint.of("bn-unbiased-normalisation"));
                }
                return Optional.empty();
            }
            case "running_mean" -> {
                return momentumMistake(layerCase.inputs().get("running_mean_before"), batchMean, actual, "running_mean");
            }
            case "running_var" -> {
                Tensor before = layerCase.inputs().get("running_var_before");
                Tensor biased = x.var(BATCH_AND_SPACE, false, false).reshape(channels);
                if (matches(before.mul(0.9f).add(biased.mul(0.1f)), actual)) {
                    return Optional.of(Hint.of("bn-running-var-biased"));
                }
                return momentumMistake(before, x.var(BATCH_AND_SPACE, true, false).reshape(channels), actual, "running_var");
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    private static Optional<Hint> momentumMistake(Tensor before, Tensor batchStatistic, Tensor actual, String name) {
        Double momentum = scale(batchStatistic.sub(before), actual.sub(before));
        return momentum != null && !near(momentum, 0.1)
                ? Optional.of(Hint.of("bn-momentum", name, number(momentum))) : Optional.empty();
    }

    /** BatchNorm2d's forward with a chosen eps, variance and statistics, to predict mistakes. */
    private static Tensor batchNorm(LayerCase layerCase, double eps, boolean unbiased, boolean batchStatistics) {
        Tensor x = layerCase.inputs().get("input");
        int c = x.size(1);
        Tensor mean = batchStatistics ? x.mean(BATCH_AND_SPACE, true) : layerCase.inputs().get("running_mean_before").reshape(1, c, 1, 1);
        Tensor var = batchStatistics ? x.var(BATCH_AND_SPACE, unbiased, true) : layerCase.inputs().get("running_var_before").reshape(1, c, 1, 1);
        Tensor normalised = x.sub(mean).div(var.add((float) eps).sqrt());
        return normalised.mul(layerCase.inputs().get("weight").reshape(1, c, 1, 1)).add(layerCase.inputs().get("bias").reshape(1, c, 1, 1));
    }

    /** The output of a true convolution (kernel flipped), which PyTorch's Conv2d is not. */
    private static Tensor flippedConvolution(LayerCase layerCase) {
        Tensor x = layerCase.inputs().get("input");
        Tensor w = layerCase.inputs().get("weight");
        int stride = (int) attribute(layerCase, "stride");
        int padding = (int) attribute(layerCase, "padding");
        int n = x.size(0);
        int channels = x.size(1);
        int filters = w.size(0);
        int f = w.size(2);
        Tensor padded = x.pad(padding, padding, padding, padding);
        int outH = (x.size(2) + 2 * padding - f) / stride + 1;
        int outW = (x.size(3) + 2 * padding - f) / stride + 1;
        Tensor out = Tensor.zeros(n, filters, outH, outW);
        float[] bias = layerCase.inputs().get("bias").toArray();
        for (int i = 0; i < n; i++) {
            for (int o = 0; o < filters; o++) {
                for (int h = 0; h < outH; h++) {
                    for (int v = 0; v < outW; v++) {
                        double sum = bias[o];
                        for (int c = 0; c < channels; c++) {
                            for (int p = 0; p < f; p++) {
                                for (int q = 0; q < f; q++) {
                                    sum += padded.get(i, c, h * stride + p, v * stride + q) * w.get(o, c, f - 1 - p, f - 1 - q);
                                }
                            }
                        }
                        out.set((float) sum, i, o, h, v);
                    }
                }
            }
        }
        return out;
    }

    /**
     * @return the factor k with actual ≈ k·expected (least squares), when it explains every element
     *     within {@link #VARIANT}; else {@code null}
     */
    private static Double scale(Tensor expected, Tensor actual) {
        float[] e = expected.toArray();
        float[] a = actual.toArray();
        double dot = 0;
        double norm = 0;
        for (int i = 0; i < e.length; i++) {
            dot += (double) a[i] * e[i];
            norm += (double) e[i] * e[i];
        }
        if (norm == 0 || !Double.isFinite(dot)) {
            return null;
        }
        double k = dot / norm;
        for (int i = 0; i < e.length; i++) {
            if (!VARIANT.accepts(a[i], k * e[i])) {
                return null;
            }
        }
        return k;
    }

    static boolean matches(Tensor predicted, Tensor actual) {
        return TensorComparison.compare("", predicted, actual.reshape(predicted.shape()), VARIANT).passed();
    }

    private static boolean near(double value, double target) {
        return Math.abs(value - target) <= 1e-3 * Math.abs(target);
    }

    private static double attribute(LayerCase layerCase, String name) {
        Double value = layerCase.attributes().get(name);
        return value == null ? Double.NaN : value;
    }

    private static String number(double value) {
        return TensorComparison.number(value);
    }
}
