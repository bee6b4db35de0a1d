package io.cnnhomework.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TensorElementwiseTest {

    @Test
    void broadcastAddsRowVectorToEveryRow() {
        Tensor m = Tensor.of(new float[][] {{1, 2, 3}, {4, 5, 6}});
        Tensor r = m.add(Tensor.of(10f, 20f, 30f));
        assertArrayEquals(new int[] {2, 3}, r.shape());
        assertArrayEquals(new float[] {11, 22, 33, 14, 25, 36}, r.toArray());
    }

    @Test
    void broadcastCombinesColumnAndRowIntoAMatrix() {
        Tensor column = Tensor.of(new float[] {1, 2}, 2, 1);
        Tensor row = Tensor.of(10f, 20f, 30f);
        Tensor r = column.mul(row);
        assertArrayEquals(new int[] {2, 3}, r.shape());
        assertArrayEquals(new float[] {10, 20, 30, 20, 40, 60}, r.toArray());
    }

    @Test
    void broadcastWithAScalarTensorKeepsTheShape() {
        Tensor x = Tensor.of(new float[][] {{1, 2}, {3, 4}});
        assertEquals(x.mul(2f), x.mul(Tensor.scalar(2f)));
        assertArrayEquals(new int[0], Tensor.scalar(1f).add(Tensor.scalar(2f)).shape());
    }

    @Test
    void incompatibleShapesFailWithBothShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.zeros(2, 3).add(Tensor.zeros(4)));
        assertEquals("add: cannot broadcast shapes [2, 3] and [4]", e.getMessage());
        IllegalArgumentException mul = assertThrows(IllegalArgumentException.class,
                () -> Tensor.zeros(2, 3).mul(Tensor.zeros(3, 2)));
        assertEquals("mul: cannot broadcast shapes [2, 3] and [3, 2]", mul.getMessage());
    }

    @Test
    void binaryOpsWorkOnNonContiguousOperands() {
        Tensor x = Tensor.arange(6).reshape(2, 3);
        Tensor r = x.t().sub(x.t().contiguous());
        assertArrayEquals(new float[6], r.toArray());
        Tensor shifted = x.t().add(Tensor.of(new float[] {0, 1, 2}, 3, 1));
        assertArrayEquals(new float[] {0, 3, 2, 5, 4, 7}, shifted.toArray());
        assertArrayEquals(new float[] {0, 6, 2, 8, 4, 10}, x.t().add(x.t()).toArray());
    }

    @Test
    void perChannelOperandsGiveEachElementItsOwnFloatOperation() {
        java.util.Random random = new java.util.Random(4);
        // Runs of 16, 85 (five vectors and a tail of 5) and 1023 elements per channel, both
        // orders of the operands, an operand that is a permuted view, and in place.
        for (int[] shape : new int[][] {{3, 5, 4, 4}, {4, 3, 17, 5}, {2, 2, 33, 31}}) {
            Tensor x = Tensor.randn(random, shape);
            Tensor channel = Tensor.randn(random, 1, shape[1], 1, 1).add(3f);
            Tensor swapped = Tensor.randn(random, shape[1], shape[0], shape[2], shape[3]).permute(1, 0, 2, 3);
            java.util.List<java.util.function.BinaryOperator<Tensor>> ops = java.util.List.of(
                    Tensor::add, Tensor::sub, Tensor::mul, Tensor::div);
            java.util.List<java.util.function.BinaryOperator<Float>> floats = java.util.List.of(
                    Float::sum, (p, q) -> p - q, (p, q) -> p * q, (p, q) -> p / q);
            for (int o = 0; o < ops.size(); o++) {
                Tensor right = ops.get(o).apply(x, channel);
                Tensor left = ops.get(o).apply(channel, x);
                Tensor both = ops.get(o).apply(swapped, x);
                for (int n = 0; n < shape[0]; n++) {
                    for (int c = 0; c < shape[1]; c++) {
                        for (int h = 0; h < shape[2]; h++) {
                            for (int w = 0; w < shape[3]; w++) {
                                float v = x.get(n, c, h, w);
                                float k = channel.get(0, c, 0, 0);
                                String at = "op " + o + " at " + java.util.Arrays.toString(new int[] {n, c, h, w});
                                assertEquals(floats.get(o).apply(v, k), right.get(n, c, h, w), at);
                                assertEquals(floats.get(o).apply(k, v), left.get(n, c, h, w), at);
                                assertEquals(floats.get(o).apply(swapped.get(n, c, h, w), v), both.get(n, c, h, w), at);
                            }
                        }
                    }
                }
            }
            assertEquals(x.mul(channel), x.copy().mulInPlace(channel));
            assertEquals(x.div(channel), x.copy().divInPlace(channel));
            assertEquals(x.sub(channel), x.copy().subInPlace(channel));
            assertEquals(x.add(channel), x.copy().addInPlace(channel));
        }
    }

    @Test
    void scalarOverloadsComputeInFloat() {
        Tensor x = Tensor.of(1f, 2f, 4f);
        assertArrayEquals(new float[] {1.5f, 2.5f, 4.5f}, x.add(0.5f).toArray());
        assertArrayEquals(new float[] {0, 1, 3}, x.sub(1f).toArray());
        assertArrayEquals(new float[] {0.25f, 0.5f, 1f}, x.div(4f).toArray());
        assertArrayEquals(new float[] {0, -1, -3}, x.rsub(1f).toArray());
        assertEquals(0.1f + 0.2f, Tensor.of(0.1f).add(0.2f).item());
        assertEquals(1f / 3f, Tensor.of(1f).div(3f).item());
    }

    @Test
    void unaryFunctionsMatchJavaMath() {
        Tensor x = Tensor.of(-2f, -0.5f, 0f, 1.5f);
        assertArrayEquals(new float[] {2, 0.5f, 0, -1.5f}, x.neg().toArray(), 0f);
        assertArrayEquals(new float[] {2, 0.5f, 0, 1.5f}, x.abs().toArray());
        assertArrayEquals(new float[] {(float) Math.exp(-2), (float) Math.exp(-0.5), 1f, (float) Math.exp(1.5)},
                x.exp().toArray());
        Tensor p = Tensor.of(0f, 1f, 4f);
        assertArrayEquals(new float[] {Float.NEGATIVE_INFINITY, 0f, (float) Math.log(4)}, p.log().toArray());
        assertTrue(Float.isNaN(Tensor.of(-1f).log().item()));
        assertArrayEquals(new float[] {0, 1, 2}, p.sqrt().toArray());
        assertArrayEquals(new float[] {4, 0.25f, 0, 2.25f}, x.square().toArray());
        assertArrayEquals(new float[] {-1, -1, 0, 1}, x.sign().toArray());
        assertTrue(Float.isNaN(Tensor.of(Float.NaN).sign().item()));
    }

    @Test
    void powUsesExactFormsForCommonExponents() {
        Tensor x = Tensor.of(1.1f, 2f, 3f);
        float a = 1.1f;
        assertArrayEquals(new float[] {a * a * a, 8, 27}, x.pow(3f).toArray());
        assertArrayEquals(new float[] {1f / a, 0.5f, 1f / 3f}, x.pow(-1f).toArray());
        assertArrayEquals(new float[] {0.5f}, Tensor.of(4f).pow(-0.5f).toArray());
        assertArrayEquals(new float[] {2f}, Tensor.of(4f).pow(0.5f).toArray());
        assertEquals((float) Math.pow(2f, 1.7f), Tensor.of(2f).pow(1.7f).item());
    }

    @Test
    void maximumMinimumAndClampBehaveLikeTorch() {
        Tensor x = Tensor.of(-2f, 0.5f, 3f);
        assertArrayEquals(new float[] {0, 0.5f, 3}, x.maximum(0f).toArray());
        assertArrayEquals(new float[] {-2, 0, 0}, x.minimum(0f).toArray());
        assertArrayEquals(new float[] {1, 1, 3}, x.maximum(Tensor.of(1f, 1f, 1f)).toArray());
        assertArrayEquals(new float[] {-2, 0.5f, 1}, x.minimum(Tensor.of(1f)).toArray());
        assertArrayEquals(new float[] {0, 0.5f, 1}, x.clamp(0f, 1f).toArray());
        assertArrayEquals(new float[] {0, 0.5f, 3}, x.clampMin(0f).toArray());
        assertArrayEquals(new float[] {-2, 0.5f, 1}, x.clampMax(1f).toArray());
        assertTrue(Float.isNaN(Tensor.of(Float.NaN).maximum(0f).item()));
    }

    @Test
    void clampAgreesWithMathMinAndMaxOnEveryKindOfFloat() {
        // Long enough for whole vectors and a tail; NaN stays NaN and -0 is below +0, as in
        // Math.max and Math.min, whether the bounds are zeros, finite, infinite or NaN, and the
        // lower bound applies first (a lower bound above the upper one gives the upper).
        float[] kinds = {0f, -0f, 1f, -1f, 0.5f, -0.5f, Float.MIN_VALUE, -Float.MIN_VALUE, 3e38f, -3e38f,
            Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN};
        float[] values = new float[4 * 17];
        for (int i = 0; i < values.length; i++) {
            values[i] = kinds[(i * 7) % kinds.length];
        }
        Tensor x = Tensor.of(values, 4, 17);
        float[] contiguous = x.toArray();
        float[][] bounds = {{0f, Float.POSITIVE_INFINITY}, {-0f, Float.POSITIVE_INFINITY}, {-0.5f, 0.5f},
            {Float.NEGATIVE_INFINITY, -0f}, {1f, 1f}, {1f, -1f}, {Float.NaN, 1f}, {-1f, Float.NaN}};
        for (float[] b : bounds) {
            float[] clamped = x.clamp(b[0], b[1]).toArray();
            float[] throughView = x.t().clamp(b[0], b[1]).t().toArray();
            for (int i = 0; i < contiguous.length; i++) {
                float expected = Math.min(Math.max(contiguous[i], b[0]), b[1]);
                String what = "clamp(" + contiguous[i] + ", " + b[0] + ", " + b[1] + ")";
                assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(clamped[i]), what);
                assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(throughView[i]), what + " of a view");
            }
        }
    }

    @Test
    void greaterAndLessAgreeWithJavaOnEveryKindOfFloat() {
        float[] values = {0f, -0f, 1f, -1f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, 3e38f, -3e38f,
            Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN,
            Float.intBitsToFloat(0xffc00000), 1.0000001f, 0.99999994f};
        int n = values.length;
        Tensor x = Tensor.of(values).reshape(n, 1).expand(n, n).copy();
        Tensor y = Tensor.of(values).reshape(1, n).expand(n, n).copy();
        float[] gt = x.gt(y).toArray();
        float[] lt = x.lt(y).toArray();
        float[] gtScalar = x.gt(0f).toArray();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                String pair = values[i] + " vs " + values[j];
                assertEquals(values[i] > values[j] ? 1f : 0f, gt[i * n + j], pair);
                assertEquals(values[i] < values[j] ? 1f : 0f, lt[i * n + j], pair);
                assertEquals(values[i] > 0f ? 1f : 0f, gtScalar[i * n + j], pair);
            }
        }
    }

    @Test
    void comparisonsReturnZeroOneMasks() {
        Tensor a = Tensor.of(1f, 2f, 3f);
        Tensor b = Tensor.of(2f, 2f, 2f);
        assertArrayEquals(new float[] {0, 0, 1}, a.gt(b).toArray());
        assertArrayEquals(new float[] {0, 1, 1}, a.ge(b).toArray());
        assertArrayEquals(new float[] {1, 0, 0}, a.lt(b).toArray());
        assertArrayEquals(new float[] {1, 1, 0}, a.le(b).toArray());
        assertArrayEquals(new float[] {0, 1, 0}, a.eq(b).toArray());
        assertArrayEquals(new float[] {0, 0, 1}, a.gt(2f).toArray());
        assertArrayEquals(new float[] {0, 1, 1}, a.ge(2f).toArray());
        assertArrayEquals(new float[] {1, 0, 0}, a.lt(2f).toArray());
        assertArrayEquals(new float[] {1, 1, 0}, a.le(2f).toArray());
        assertArrayEquals(new float[] {0, 1, 0}, a.eq(2f).toArray());
        assertArrayEquals(new float[] {0}, Tensor.of(Float.NaN).eq(Tensor.of(Float.NaN)).toArray());
    }

    @Test
    void inPlaceOnStridedViewWritesOnlyTheViewedElements() {
        Tensor base = Tensor.arange(12).reshape(3, 4);
        Tensor everyOtherColumn = base.slice(1, 0, 4, 2);
        everyOtherColumn.addInPlace(Tensor.of(100f, 200f));
        assertArrayEquals(new float[] {100, 1, 202, 3, 104, 5, 206, 7, 108, 9, 210, 11}, base.toArray());
        Tensor transposed = base.t();
        assertSame(transposed, transposed.mulInPlace(2f));
        assertEquals(2f, base.get(0, 1));
        base.select(1, 1).fill(-1f);
        assertArrayEquals(new float[] {-1, -1, -1}, base.select(1, 1).toArray());
    }

    @Test
    void inPlaceOperationsBroadcastTheArgument() {
        Tensor x = Tensor.ones(2, 3);
        x.addInPlace(Tensor.of(1f, 2f, 3f)).subInPlace(Tensor.of(new float[] {1, 2}, 2, 1));
        assertArrayEquals(new float[] {1, 2, 3, 0, 1, 2}, x.toArray());
        x.mulInPlace(Tensor.of(2f, 2f, 2f)).divInPlace(2f).addInPlace(1f).subInPlace(1f);
        assertArrayEquals(new float[] {1, 2, 3, 0, 1, 2}, x.toArray());
        x.divInPlace(Tensor.of(1f, 2f, 3f));
        assertArrayEquals(new float[] {1, 1, 1, 0, 0.5f, 2f / 3f}, x.toArray());
    }

    @Test
    void inPlaceRejectsArgumentsThatWouldGrowTheTensor() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.zeros(3).addInPlace(Tensor.zeros(2, 3)));
        assertEquals("addInPlace: cannot broadcast [2, 3] into the shape [3] of the tensor written to", e.getMessage());
    }

    @Test
    void inPlaceWithOverlappingSourceReadsTheOldValues() {
        Tensor x = Tensor.arange(4).reshape(2, 2);
        x.addInPlace(x.t());
        assertArrayEquals(new float[] {0, 3, 3, 6}, x.toArray());
        Tensor y = Tensor.arange(4);
        y.slice(0, 1, 4).copyFrom(y.slice(0, 0, 3));
        assertArrayEquals(new float[] {0, 0, 1, 2}, y.toArray());
    }

    @Test
    void copyFromBroadcastsIntoAView() {
        Tensor x = Tensor.zeros(3, 4);
        x.narrow(0, 1, 2).copyFrom(Tensor.of(1f, 2f, 3f, 4f));
        assertArrayEquals(new float[] {0, 0, 0, 0, 1, 2, 3, 4, 1, 2, 3, 4}, x.toArray());
    }
}
