package io.cnnhomework.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TensorMatmulTest {

    private static final Tensor A = Tensor.of(new float[][] {{1, 2, 3}, {4, 5, 6}});     // [2, 3]
    private static final Tensor B = Tensor.of(new float[][] {{1, 0}, {0, 1}, {1, 1}});   // [3, 2]

    @Test
    void matrixTimesMatrix() {
        Tensor c = A.matmul(B);
        assertArrayEquals(new int[] {2, 2}, c.shape());
        assertArrayEquals(new float[] {4, 5, 10, 11}, c.toArray());
    }

    @Test
    void vectorDotVectorIsZeroDimensional() {
        Tensor d = Tensor.of(1f, 2f, 3f).matmul(Tensor.of(4f, 5f, 6f));
        assertArrayEquals(new int[0], d.shape());
        assertEquals(32f, d.item());
    }

    @Test
    void oneDimensionalOperandsArePromotedAndTheAddedDimensionRemoved() {
        Tensor left = Tensor.of(1f, 1f).matmul(A);          // [2] @ [2, 3] -> [3]
        assertArrayEquals(new int[] {3}, left.shape());
        assertArrayEquals(new float[] {5, 7, 9}, left.toArray());
        Tensor right = A.matmul(Tensor.of(1f, 0f, 1f));     // [2, 3] @ [3] -> [2]
        assertArrayEquals(new int[] {2}, right.shape());
        assertArrayEquals(new float[] {4, 10}, right.toArray());
        Tensor batchedRight = Tensor.stack(0, A, A).matmul(Tensor.of(1f, 0f, 1f));  // [2, 2, 3] @ [3]
        assertArrayEquals(new int[] {2, 2}, batchedRight.shape());
        Tensor batchedLeft = Tensor.of(1f, 1f).matmul(Tensor.stack(0, A, A));      // [2] @ [2, 2, 3]
        assertArrayEquals(new int[] {2, 3}, batchedLeft.shape());
        assertArrayEquals(new float[] {5, 7, 9, 5, 7, 9}, batchedLeft.toArray());
    }

    @Test
    void batchedMatmulBroadcastsBatchDimensions() {
        Tensor a = Tensor.stack(0, A, A.mul(2f)).unsqueeze(1);   // [2, 1, 2, 3]
        Tensor b = Tensor.stack(0, B, B.neg(), B.mul(0f));       // [3, 3, 2]
        Tensor c = a.matmul(b);
        assertArrayEquals(new int[] {2, 3, 2, 2}, c.shape());
        assertArrayEquals(new float[] {4, 5, 10, 11}, c.select(0, 0).select(0, 0).toArray());
        assertArrayEquals(new float[] {-8, -10, -20, -22}, c.select(0, 1).select(0, 1).toArray());
        assertArrayEquals(new float[4], c.select(0, 1).select(0, 2).toArray());
    }

    @Test
    void transposedOperandsAreHandled() {
        Tensor weight = Tensor.of(new float[][] {{1, 0, 1}, {0, 1, 1}});   // [out=2, in=3]
        Tensor y = A.matmul(weight.t());                                     // Linear without bias
        assertArrayEquals(new float[] {4, 5, 10, 11}, y.toArray());
    }

    @Test
    void innerDimensionMismatchNamesBothShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.zeros(3, 4).matmul(Tensor.zeros(5, 2)));
        assertEquals("matmul: inner dimensions differ: [3, 4] @ [5, 2]", e.getMessage());
        IllegalArgumentException dot = assertThrows(IllegalArgumentException.class,
                () -> Tensor.zeros(3).matmul(Tensor.zeros(4)));
        assertEquals("matmul: inner dimensions differ: [3] @ [4]", dot.getMessage());
        IllegalArgumentException scalar = assertThrows(IllegalArgumentException.class,
                () -> Tensor.scalar(1f).matmul(Tensor.zeros(4)));
        assertEquals("matmul: both arguments need at least 1 dimension, got [] and [4]", scalar.getMessage());
        IllegalArgumentException batch = assertThrows(IllegalArgumentException.class,
                () -> Tensor.zeros(2, 3, 4).matmul(Tensor.zeros(3, 4, 5)));
        assertEquals("matmul: cannot broadcast shapes [2] and [3]", batch.getMessage());
    }

    @Test
    void emptyInnerDimensionGivesZeros() {
        assertArrayEquals(new float[6], Tensor.zeros(2, 0).matmul(Tensor.zeros(0, 3)).toArray());
    }
}
