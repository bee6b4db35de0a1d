package io.cnnhomework.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TensorCreationTest {

    @Test
    void ofCopiesItsInput() {
        float[] values = {1, 2, 3};
        Tensor t = Tensor.of(values);
        values[0] = 99;
        assertArrayEquals(new int[] {3}, t.shape());
        assertArrayEquals(new float[] {1, 2, 3}, t.toArray());
    }

    @Test
    void ofWithShapeReadsRowMajor() {
        Tensor t = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertEquals(6f, t.get(1, 2));
        assertEquals(4f, t.get(1, 0));
        assertEquals(2f, t.get(0, 1));
    }

    @Test
    void ofWithShapeRejectsWrongLengthWithTheCounts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.of(new float[] {1, 2, 3}, 2, 2));
        assertEquals("of: 3 values do not fill shape [2, 2] (4 elements)", e.getMessage());
    }

    @Test
    void ofRowsBuildsMatrixAndRejectsRaggedRows() {
        Tensor t = Tensor.of(new float[][] {{1, 2}, {3, 4}, {5, 6}});
        assertArrayEquals(new int[] {3, 2}, t.shape());
        assertEquals(5f, t.get(2, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.of(new float[][] {{1, 2}, {3}}));
        assertEquals("of: row 1 has 1 values but row 0 has 2", e.getMessage());
    }

    @Test
    void scalarIsZeroDimensional() {
        Tensor s = Tensor.scalar(2.5f);
        assertEquals(0, s.dim());
        assertEquals(1, s.numel());
        assertArrayEquals(new int[0], s.shape());
        assertEquals(2.5f, s.item());
        assertEquals(2.5f, s.get());
    }

    @Test
    void zerosOnesFullFillTheShape() {
        assertArrayEquals(new float[6], Tensor.zeros(2, 3).toArray());
        assertArrayEquals(new float[] {1, 1}, Tensor.ones(2).toArray());
        assertArrayEquals(new float[] {7, 7, 7, 7}, Tensor.full(7f, 2, 1, 2).toArray());
        assertArrayEquals(new int[] {2, 1, 2}, Tensor.full(7f, 2, 1, 2).shape());
        assertEquals(0, Tensor.zeros(3, 0).numel());
    }

    @Test
    void negativeSizeIsRejectedWithTheShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, -1));
        assertEquals("zeros: negative size -1 in shape [2, -1]", e.getMessage());
    }

    @Test
    void arangeCountsLikeTorch() {
        assertArrayEquals(new float[] {0, 1, 2, 3}, Tensor.arange(4).toArray());
        assertArrayEquals(new float[] {0, 0.25f, 0.5f, 0.75f}, Tensor.arange(0f, 1f, 0.25f).toArray());
        assertArrayEquals(new float[] {3, 2, 1}, Tensor.arange(3f, 0f, -1f).toArray());
        assertArrayEquals(new float[] {1, 3}, Tensor.arange(1f, 4f, 2f).toArray());
        assertEquals(0, Tensor.arange(2f, 2f, 1f).numel());
        assertThrows(IllegalArgumentException.class, () -> Tensor.arange(0f, 1f, 0f));
        assertThrows(IllegalArgumentException.class, () -> Tensor.arange(0f, -1f, 1f));
    }

    @Test
    void eyeHasOnesOnTheDiagonal() {
        assertArrayEquals(new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, Tensor.eye(3).toArray());
    }

    @Test
    void randAndRandnAreReproducibleFromTheSeed() {
        Tensor a = Tensor.rand(new Random(7), 4, 5);
        assertEquals(a, Tensor.rand(new Random(7), 4, 5));
        for (float v : a.toArray()) {
            assertTrue(v >= 0f && v < 1f);
        }
        Random r = new Random(3);
        float first = (float) r.nextGaussian();
        Tensor n = Tensor.randn(new Random(3), 1000);
        assertEquals(first, n.get(0));
        assertEquals(0.0, n.mean().item(), 0.1);
        assertEquals(1.0, n.std(true).item(), 0.1);
    }

    @Test
    void oneHotMatchesTheNotebookEncoding() {
        Tensor t = Tensor.oneHot(new int[] {1, 0, 2}, 3);
        assertArrayEquals(new int[] {3, 3}, t.shape());
        assertArrayEquals(new float[] {0, 1, 0, 1, 0, 0, 0, 0, 1}, t.toArray());
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                () -> Tensor.oneHot(new int[] {0, 3}, 3));
        assertEquals("oneHot: label 3 at position 1 is outside [0, 3)", e.getMessage());
    }

    @Test
    void whereBroadcastsConditionAndBranches() {
        Tensor x = Tensor.of(new float[][] {{-1, 2}, {3, -4}});
        Tensor relu = Tensor.where(x.gt(0f), x, Tensor.scalar(0f));
        assertArrayEquals(new float[] {0, 2, 3, 0}, relu.toArray());
        Tensor picked = Tensor.where(Tensor.of(1f, 0f), Tensor.of(10f, 20f), Tensor.of(new float[] {-1, -2}, 2, 1));
        assertArrayEquals(new int[] {2, 2}, picked.shape());
        assertArrayEquals(new float[] {10, -1, 10, -2}, picked.toArray());
    }

    @Test
    void likeConstructorsKeepTheShape() {
        Tensor x = Tensor.rand(new Random(1), 2, 3).t();
        assertArrayEquals(new int[] {3, 2}, x.zerosLike().shape());
        assertArrayEquals(new float[] {1, 1, 1, 1, 1, 1}, x.onesLike().toArray());
    }

    @Test
    void shapeReturnsACopy() {
        Tensor x = Tensor.zeros(2, 3);
        x.shape()[0] = 5;
        assertArrayEquals(new int[] {2, 3}, x.shape());
        assertEquals(3, x.size(-1));
        assertEquals(2, x.size(0));
        assertTrue(x.sameShape(Tensor.ones(2, 3)));
        assertFalse(x.sameShape(Tensor.ones(3)));
    }

    @Test
    void getAndSetAcceptNegativeIndicesAndRejectOutOfRange() {
        Tensor x = Tensor.zeros(2, 3);
        x.set(5f, -1, -1);
        assertEquals(5f, x.get(1, 2));
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> x.get(2, 0));
        assertEquals("get: index 2 is out of bounds for dimension 0 with size 2", e.getMessage());
        IllegalArgumentException wrongCount = assertThrows(IllegalArgumentException.class, () -> x.set(1f, 0));
        assertEquals("set: expected 2 indices for shape [2, 3], got [0]", wrongCount.getMessage());
    }

    @Test
    void itemRequiresExactlyOneElement() {
        assertEquals(3f, Tensor.of(new float[] {3}, 1, 1).item());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).item());
        assertEquals("item: a tensor with 6 elements (shape [2, 3]) cannot be converted to a scalar",
                e.getMessage());
    }

    @Test
    void copyIsIndependentAndContiguousReturnsThisWhenPossible() {
        Tensor x = Tensor.arange(6).reshape(2, 3);
        Tensor c = x.copy();
        c.set(100f, 0, 0);
        assertEquals(0f, x.get(0, 0));
        assertTrue(x.contiguous() == x);
        Tensor t = x.t();
        Tensor tc = t.contiguous();
        assertTrue(tc != t);
        assertTrue(tc.isContiguous());
        assertEquals(t, tc);
    }

    @Test
    void equalsComparesShapeAndExactValues() {
        assertEquals(Tensor.of(1f, 2f), Tensor.arange(3).slice(0, 1, 3));
        assertEquals(Tensor.of(1f, 2f).hashCode(), Tensor.arange(3).slice(0, 1, 3).hashCode());
        assertNotEquals(Tensor.of(1f, 2f), Tensor.of(new float[] {1, 2}, 1, 2));
        assertNotEquals(Tensor.of(1f, 2f), Tensor.of(1f, 2.0000002f));
        assertEquals(Tensor.of(Float.NaN), Tensor.of(Float.NaN));
        assertNotEquals(Tensor.of(0f), Tensor.of(-0f));
    }

    @Test
    void allCloseUsesTorchTolerancesAndRejectsNonFinite() {
        assertTrue(Tensor.of(1f, 2f).allClose(Tensor.of(1.000001f, 2f)));
        assertFalse(Tensor.of(1f, 2f).allClose(Tensor.of(1.0001f, 2f)));
        assertTrue(Tensor.of(1f).allClose(Tensor.of(1.001f), 1e-2, 0));
        assertTrue(Tensor.zeros(2, 3).allClose(Tensor.zeros(3)));
        assertFalse(Tensor.of(Float.NaN).allClose(Tensor.of(Float.NaN)));
        assertFalse(Tensor.of(Float.POSITIVE_INFINITY).allClose(Tensor.of(Float.POSITIVE_INFINITY)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.zeros(2, 3).allClose(Tensor.zeros(2)));
        assertEquals("allClose: cannot broadcast shapes [2, 3] and [2]", e.getMessage());
    }

    @Test
    void hasNonFiniteFindsNanAndInfinity() {
        assertFalse(Tensor.of(1f, 2f).hasNonFinite());
        assertTrue(Tensor.of(1f, Float.NaN).hasNonFinite());
        assertTrue(Tensor.of(Float.NEGATIVE_INFINITY).hasNonFinite());
    }
}
