package io.cnnhomework.grader.grading;

import io.cnnhomework.grader.exercise.EpochTrace;
import io.cnnhomework.grader.exercise.TaskOutput;
import io.cnnhomework.grader.messages.Text;
import io.cnnhomework.grader.reference.ReferenceTask;
import io.cnnhomework.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds where a submission's training first parts from PyTorch's: epoch by epoch, the parameters
 * going into the forward pass, then the logits, then each gradient, as the notebook suggests
 * comparing by hand. The first quantity outside {@link Tolerance#TRACE} says which part of the
 * code to look at.
 */
public final class TraceDivergence {

    private TraceDivergence() {
    }

    /**
     * @param reference the task with PyTorch's trace
     * @param output what the submission computed, with its trace
     * @return where the two part, or {@code null} when the submission recorded no epoch
     */
    public static Text locate(ReferenceTask reference, TaskOutput output) {
        List<EpochTrace> trace = output.trace();
        if (trace.isEmpty()) {
            return null;
        }
        Map<String, String> names = torchNames(reference.model());
        for (int epoch = 0; epoch < trace.size(); epoch++) {
            EpochTrace student = trace.get(epoch);
            for (Map.Entry<String, String> param : names.entrySet()) {
                TensorComparison c = compare(reference, param.getValue(), epoch, student.params().get(param.getKey()));
                if (c != null && !c.passed()) {
                    return Text.of(epoch == 0 ? "divergence.initial" : "divergence.step", epoch, param.getValue(), param.getKey(),
                            where(c), epoch - 1);
                }
            }
            TensorComparison logits = compare(reference, "logits", epoch, student.logits());
            if (logits != null && !logits.passed()) {
                return Text.of("divergence.logits", epoch, where(logits));
            }
            for (Map.Entry<String, String> param : names.entrySet()) {
                String gradKey = "d" + param.getKey();
                TensorComparison c = compare(reference, param.getValue() + ".grad", epoch, student.grads().get(gradKey));
                if (c != null && !c.passed()) {
                    return Text.of("divergence.grad", epoch, param.getValue(), gradKey, where(c), epoch + 1);
                }
            }
        }
        return Text.of("divergence.none", trace.size() - 1);
    }

    /** The notebook's keys ({@code W1, b1, ...}) of each model, with PyTorch's names. */
    static Map<String, String> torchNames(String model) {
        List<String> layers = model.equals("TorchGradientModel") ? List.of("conv1", "fc1") : List.of("conv1", "bn1", "fc1");
        Map<String, String> names = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            names.put("W" + (i + 1), layers.get(i) + ".weight");
            names.put("b" + (i + 1), layers.get(i) + ".bias");
        }
        return names;
    }

    private static TensorComparison compare(ReferenceTask reference, String name, int epoch, Tensor actual) {
        Tensor series = reference.trace().get(name);
        if (series == null || epoch >= series.size(0)) {
            return null;
        }
        return TensorComparison.compare(name, series.select(0, epoch), actual, Tolerance.TRACE);
    }

    private static Text where(TensorComparison c) {
        if (c.actualShape() == null) {
            return Text.of("divergence.where.missing");
        }
        if (c.shapeMismatch()) {
            return Text.of("divergence.where.shape", Arrays.toString(c.expectedShape()), Arrays.toString(c.actualShape()));
        }
        return Text.of("divergence.where", TensorComparison.number(c.worstError()), Arrays.toString(c.worstIndex()),
                TensorComparison.number(c.worstExpected()), TensorComparison.number(c.worstActual()))
                .withoutReference(Text.of("divergence.where.hidden", Text.rounded(c.worstError()), Arrays.toString(c.worstIndex()),
                        TensorComparison.number(c.worstActual())));
    }
}
