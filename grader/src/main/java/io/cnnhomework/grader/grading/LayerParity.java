package io.cnnhomework.grader.grading;

import io.cnnhomework.grader.exercise.LayerOutput;
import io.cnnhomework.grader.messages.Text;
import io.cnnhomework.grader.reference.LayerCase;
import io.cnnhomework.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares a layer's output for one case with torch autograd's, tensor by tensor, each under the
 * tolerance the exporter derived for it, and asks {@link MistakeDiagnosis} what the first
 * difference means.
 */
public final class LayerParity {

    private static final Pattern STEP = Pattern.compile(".*_step(\\d{1,6})");

    private LayerParity() {
    }

    /**
     * @param reference the case with PyTorch's results
     * @param output what the submission computed
     * @return the verdict
     */
    public static LayerCheck check(LayerCase reference, LayerOutput output) {
        List<TensorComparison> comparisons = new ArrayList<>();
        for (Map.Entry<String, Tensor> expected : reference.expected().entrySet()) {
            comparisons.add(TensorComparison.compare(expected.getKey(), expected.getValue(),
                    output.tensors().get(expected.getKey()), Tolerance.of(reference.tolerance(expected.getKey()))));
        }
        comparisons.sort(Comparator.comparingInt((TensorComparison c) -> step(c.tensor()))
                .thenComparingInt(c -> order(c.tensor())).thenComparing(TensorComparison::tensor));
        long agreeing = comparisons.stream().filter(TensorComparison::passed).count();
        double score = comparisons.isEmpty() ? 0 : (double) agreeing / comparisons.size();
        boolean passed = output.failure() == null && agreeing == comparisons.size();
        TensorComparison firstWrong = comparisons.stream().filter(c -> !c.passed() && c.actualShape() != null).findFirst().orElse(null);
        Hint hint = firstWrong == null ? null : MistakeDiagnosis.diagnose(reference, firstWrong.tensor(), output.tensors()).orElse(null);
        Text message;
        if (output.failure() != null) {
            message = output.failure().message();
        } else if (passed) {
            message = Text.of("layer.passed", comparisons.size());
        } else {
            message = everyDifference(comparisons);
        }
        return new LayerCheck(reference.name(), reference.kind(), parameters(reference), comparisons, passed, score, message,
                hint, output.failure() == null ? null : output.failure().kind(), reference.optional());
    }

    /**
     * Every tensor that differs, in the order a student debugs in, in one line: a mistake in
     * backward often shows in dX and dW alike, and both say where it is.
     */
    private static Text everyDifference(List<TensorComparison> comparisons) {
        Text message = null;
        for (TensorComparison comparison : comparisons) {
            if (!comparison.passed()) {
                message = message == null ? comparison.describe() : Text.of("layer.and", message, comparison.describe());
            }
        }
        return message;
    }

    /** The case in words for the report: the input's shape and the layer's attributes. */
    static Map<String, String> parameters(LayerCase reference) {
        Map<String, String> parameters = new LinkedHashMap<>();
        reference.inputs().forEach((name, tensor) -> {
            if (name.equals("input") || name.equals("weight")) {
                parameters.put(name + " shape", Arrays.toString(tensor.shape()));
            }
        });
        reference.attributes().forEach((name, value) ->
                parameters.put(name, value == Math.rint(value) ? Long.toString(value.longValue()) : Double.toString(value)));
        if (reference.batch() > 0) {
            parameters.put("batch", Integer.toString(reference.batch()));
        }
        return parameters;
    }

    /** An optimizer's step k for {@code W1_step<k>}, 0 for a tensor of no particular step. */
    private static int step(String tensor) {
        Matcher matcher = STEP.matcher(tensor);
        return matcher.matches() ? Integer.parseInt(matcher.group(1)) : 0;
    }

    /**
     * Forward results first, then gradients, then state: the order a student debugs in; for an
     * optimizer, each step's parameters before its state.
     */
    private static int order(String tensor) {
        return switch (tensor) {
            case "output" -> 0;
            case "grad_input" -> 1;
            case "grad_weight" -> 2;
            case "grad_bias" -> 3;
            case "running_mean" -> 4;
            case "running_var" -> 5;
            default -> tensor.matches("[Wb]\\d+_step\\d+") ? 6 : 7;
        };
    }
}
