package io.cnnhomework.grader.grading;

import io.cnnhomework.grader.exercise.LayerKind;
import io.cnnhomework.grader.messages.Text;
import io.cnnhomework.grader.submission.FailureKind;
import java.util.List;
import java.util.Map;

/**
 * The verdict on one per-layer case.
 *
 * @param caseName the exporter's case, e.g. {@code conv_multichannel_stride2_pad1}
 * @param layer the homework class
 * @param parameters what the case is, for the report: input shape, stride, padding, ...
 * @param tensors one comparison per tensor PyTorch produced
 * @param passed whether every tensor agrees and nothing failed
 * @param score the fraction of tensors that agree, 0 when student code failed before any
 * @param message one line: what passed, or every tensor that differs (or the failure)
 * @param hint the recognised mistake, or {@code null}
 * @param failureKind the kind of student failure, or {@code null}
 * @param optional whether the case belongs to the optional task, outside the score
 */
public record LayerCheck(String caseName, LayerKind layer, Map<String, String> parameters, List<TensorComparison> tensors,
        boolean passed, double score, Text message, Hint hint, FailureKind failureKind, boolean optional) {

    /** Defensive copies: a check is a value. */
    public LayerCheck {
        parameters = Map.copyOf(parameters);
        tensors = List.copyOf(tensors);
    }

    /**
     * @return this check as the students of a private reference set may see it: every tensor's
     *     comparison and the message without PyTorch's values
     *     ({@link TensorComparison#withoutReferenceValues()})
     */
    public LayerCheck withoutReferenceValues() {
        return new LayerCheck(caseName, layer, parameters, tensors.stream().map(TensorComparison::withoutReferenceValues).toList(),
                passed, score, message.withoutReferenceValues(),
                hint == null ? null : new Hint(hint.id(), hint.text().withoutReferenceValues()), failureKind, optional);
    }
}
