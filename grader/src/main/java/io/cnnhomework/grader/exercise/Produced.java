package io.cnnhomework.grader.exercise;

import io.cnnhomework.grader.submission.StudentCodeException;
import io.cnnhomework.tensor.Tensor;
import java.util.Arrays;

/**
 * Takes a tensor a submission returned into the grader's keeping: counted from its shape first,
 * then copied, so that a broadcast view of a billion elements (which costs the submission nothing)
 * is refused as a breach of the contract instead of being materialised by the grader, whose
 * out-of-memory error would then be blamed on the submission.
 */
public final class Produced {

    /** Most elements of a tensor the grader takes from a submission: 16M (64 MB of float32); the child JVM's protocol has the same cap. */
    public static final int MAX_TENSOR_ELEMENTS = 1 << 24;

    private Produced() {
    }

    /**
     * @param tensor a tensor student code returned, not {@code null}
     * @param where what returned it, for the message ({@code Conv.forward})
     * @return a copy the submission cannot change
     * @throws StudentCodeException with a {@code contract} failure when it has more than
     *     {@value #MAX_TENSOR_ELEMENTS} elements
     */
    public static Tensor copy(Tensor tensor, String where) {
        int[] shape = tensor.shape();
        long elements = 1;
        for (int size : shape) {
            elements = Math.min(elements * Math.max(size, 0), Long.MAX_VALUE / Integer.MAX_VALUE);
        }
        if (elements > MAX_TENSOR_ELEMENTS) {
            throw StudentCodeException.contract("contract.too-large", where, Arrays.toString(shape), elements, MAX_TENSOR_ELEMENTS);
        }
        return tensor.copy();
    }
}
