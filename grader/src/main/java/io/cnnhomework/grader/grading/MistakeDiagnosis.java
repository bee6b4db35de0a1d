package io.cnnhomework.grader.grading;

import io.cnnhomework.grader.exercise.LayerKind;
import io.cnnhomework.grader.reference.LayerCase;
import io.cnnhomework.tensor.Tensor;
import java.util.Arrays;
import java.util.Map;
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
     * @param produced every tensor the submission produced, by the case's names
     * @return the recognised mistake, if any
     */
    static Optional<Hint> diagnose(LayerCase layerCase, String tensor, Map<String, Tensor> produced) {
        Tensor expected = layerCase.expected().get(tensor);
        Tensor actual = produced.get(tensor);
        if (actual == null || expected == null) {
            return Optional.empty();
        }
        if (!expected.hasNonFinite() && actual.hasNonFinite()
                && (layerCase.kind() == LayerKind.SOFTMAX || layerCase.kind() == LayerKind.CROSS_ENTROPY)) {
            return Optional.of(logOfUnderflow(layerCase, tensor, produced) ? Hint.of("log-softmax-underflow") : Hint.of("softmax-overflow"));
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
            case CONV -> convMistake(layerCase, tensor, produced);
            case FC -> tensor.equals("output") && matches(layerCase, tensor, weightReadAsInOut(layerCase), actual)
                    ? Optional.of(Hint.of("fc-weight-layout", Arrays.toString(layerCase.inputs().get("weight").shape())))
                    : Optional.empty();
            default -> Optional.empty();
        };
        return specific.isPresent() || tensor.contains("_step") ? specific : scaleMistake(layerCase, tensor, expected, actual);
    }

    /**
     * Cross-entropy's loss is NaN or infinite while its deltaL, softmax − y, is finite: softmax
     * itself is stable, and the loss takes the log of a probability that underflowed to 0.
     */
    private static boolean logOfUnderflow(LayerCase layerCase, String tensor, Map<String, Tensor> produced) {
        Tensor delta = produced.get("grad_input");
        return layerCase.kind() == LayerKind.CROSS_ENTROPY && tensor.equals("output") && delta != null && !delta.hasNonFinite();
    }

    /** Fc's output when W, stored [out, in], is read as [in, out]: Z = X · W.reshape(in, out) + b. */
    private static Tensor weightReadAsInOut(LayerCase layerCase) {
        Tensor w = layerCase.inputs().get("weight");
        return layerCase.inputs().get("input").matmul(w.reshape(w.size(1), w.size(0))).add(layerCase.inputs().get("bias"));
    }

    private static Optional<Hint> convMistake(LayerCase layerCase, String tensor, Map<String, Tensor> produced) {
        if (tensor.equals("output")) {
            return matches(flippedConvolution(layerCase), produced.get(tensor)) ? Optional.of(Hint.of("kernel-flipped")) : Optional.empty();
        }
        int stride = (int) attribute(layerCase, "stride");
        if (stride == 1 || !(tensor.equals("grad_input") || tensor.equals("grad_weight"))) {
            return Optional.empty();
        }
        // A backward that ignores the stride usually does so for dX and dW alike: name each it explains.
        Tensor[] strideOne = convBackward(layerCase, 1);
        String[] names = {"grad_input", "grad_weight"};
        StringBuilder explained = new StringBuilder();
        for (int i = 0; i < names.length; i++) {
            Tensor actual = produced.get(names[i]);
            boolean differs = actual != null && !TensorComparison.compare(names[i], layerCase.expected().get(names[i]), actual,
                    Tolerance.of(layerCase.tolerance(names[i]))).passed();
            if (differs && actual.numel() == strideOne[i].numel() && matches(layerCase, names[i], strideOne[i], actual)) {
                explained.append(explained.length() == 0 ? "" : ", ").append(names[i]);
            }
        }
        return explained.indexOf(tensor) >= 0 ? Optional.of(Hint.of("conv-backward-stride", explained, stride)) : Optional.empty();
    }

    private static Optional<Hint> shapeMistake(LayerCase layerCase, String tensor, Tensor expected, Tensor actual) {
        int[] e = expected.shape();
        int[] a = actual.shape();
        if (tensor.equals("grad_weight") && e.length == 2 && a.length == 2 && e[0] == a[1] && e[1] == a[0]) {
            return Optional.of(Hint.of("weight-grad-transposed", Arrays.toString(a), Arrays.toString(e)));
        }
        if (layerCase.kind() == LayerKind.CONV && tensor.equals("grad_input") && a.length == 4 && e.length == 4) {
            int padding = (int) attribute(layerCase, "padding");
            boolean padded = padding > 0 && a[0] == e[0] && a[1] == e[1] && a[2] == e[2] + 2 * padding && a[3] == e[3] + 2 * padding;
            return padded ? Optional.of(Hint.of("conv-dx-padded", Arrays.toString(a), Arrays.toString(e), padding)) : Optional.empty();
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
                return training ? BatchNormVariance.onePass(layerCase, actual) : Optional.empty();
            }
            case "grad_input" -> {
                if (!training) {
                    return matches(layerCase, tensor, batchNormBackward(layerCase, true, true), actual)
                            ? Optional.of(Hint.of("bn-eval-backward")) : Optional.empty();
                }
                if (matches(layerCase, tensor, batchNormBackward(layerCase, false, true), actual)) {
                    return Optional.of(Hint.of("bn-backward-mean-term"));
                }
                return matches(layerCase, tensor, batchNormBackward(layerCase, true, false), actual)
                        ? Optional.of(Hint.of("bn-backward-xhat-term")) : Optional.empty();
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

    /**
     * BatchNorm2d's dx by the training-mode formula, {@code γ/σ · (dy − mean(dy) − x̂ · mean(dy · x̂))},
     * with either of its two centring terms left out, over the statistics the case's mode
     * normalises with (the batch's in train mode, the running ones in eval mode).
     */
    private static Tensor batchNormBackward(LayerCase layerCase, boolean meanTerm, boolean normalisedTerm) {
        Tensor x = layerCase.inputs().get("input");
        int c = x.size(1);
        boolean training = attribute(layerCase, "training") != 0;
        Tensor mean = training ? x.mean(BATCH_AND_SPACE, true) : layerCase.inputs().get("running_mean_before").reshape(1, c, 1, 1);
        Tensor var = training ? x.var(BATCH_AND_SPACE, false, true) : layerCase.inputs().get("running_var_before").reshape(1, c, 1, 1);
        Tensor std = var.add(1e-5f).sqrt();
        Tensor normalised = x.sub(mean).div(std);
        Tensor dy = layerCase.inputs().get("grad_output");
        Tensor centred = dy;
        if (meanTerm) {
            centred = centred.sub(dy.mean(BATCH_AND_SPACE, true));
        }
        if (normalisedTerm) {
            centred = centred.sub(normalised.mul(dy.mul(normalised).mean(BATCH_AND_SPACE, true)));
        }
        return centred.mul(layerCase.inputs().get("weight").reshape(1, c, 1, 1)).div(std);
    }

    /**
     * A convolution's dX and dW when backward steps its windows by {@code step} (the case's
     * stride is right), over the output positions of the case; summed in double.
     *
     * @return {@code {dX, dW}}
     */
    private static Tensor[] convBackward(LayerCase layerCase, int step) {
        Tensor x = layerCase.inputs().get("input");
        Tensor w = layerCase.inputs().get("weight");
        Tensor dz = layerCase.inputs().get("grad_output");
        int padding = (int) attribute(layerCase, "padding");
        int m = x.size(0);
        int channels = x.size(1);
        int height = x.size(2);
        int width = x.size(3);
        int filters = w.size(0);
        int f = w.size(2);
        float[] input = x.toArray();
        float[] weight = w.toArray();
        float[] grad = dz.toArray();
        double[] dx = new double[input.length];
        double[] dw = new double[weight.length];
        for (int i = 0; i < m; i++) {
            for (int o = 0; o < filters; o++) {
                for (int h = 0; h < dz.size(2); h++) {
                    for (int v = 0; v < dz.size(3); v++) {
                        double g = grad[((i * filters + o) * dz.size(2) + h) * dz.size(3) + v];
                        for (int c = 0; c < channels; c++) {
                            for (int p = 0; p < f; p++) {
                                for (int q = 0; q < f; q++) {
                                    int row = h * step + p - padding;
                                    int col = v * step + q - padding;
                                    if (row >= 0 && row < height && col >= 0 && col < width) {
                                        int at = ((i * channels + c) * height + row) * width + col;
                                        int wAt = ((o * channels + c) * f + p) * f + q;
                                        dx[at] += weight[wAt] * g;
                                        dw[wAt] += input[at] * g;
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        for (int j = 0; j < dw.length; j++) {
            dw[j] /= m;
        }
        return new Tensor[] {Tensor.of(floats(dx), x.shape()), Tensor.of(floats(dw), w.shape())};
    }

    private static float[] floats(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
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

    /**
     * Whether a mistake's prediction explains the submission's tensor, allowing as much absolute
     * rounding as the tensor's own tolerance: on BatchNorm's small-variance case a prediction and
     * a submission that both make the mistake still round apart by as much as a correct solution.
     */
    static boolean matches(LayerCase layerCase, String tensor, Tensor predicted, Tensor actual) {
        Tolerance tolerance = new Tolerance(Math.max(VARIANT.atol(), layerCase.tolerance(tensor).atol()), VARIANT.rtol());
        return TensorComparison.compare("", predicted, actual.reshape(predicted.shape()), tolerance).passed();
    }

    private static boolean near(double value, double target) {
        return Math.abs(value - target) <= 1e-3 * Math.abs(target);
    }

    static double attribute(LayerCase layerCase, String name) {
        Double value = layerCase.attributes().get(name);
        return value == null ? Double.NaN : value;
    }

    private static String number(double value) {
        return TensorComparison.number(value);
    }
}
