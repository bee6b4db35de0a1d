package io.cnnhomework.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TensorReductionTest {

    private static final Tensor X = Tensor.arange(24).reshape(2, 3, 4);

    @Test
    void sumOfAllIsZeroDimensional() {
        Tensor s = X.sum();
        assertArrayEquals(new int[0], s.shape());
        assertEquals(276f, s.item());
        assertEquals(0f, Tensor.zeros(0).sum().item());
    }

    @Test
    void sumOverOneDimensionWithAndWithoutKeepdim() {
        Tensor s = X.sum(1, false);
        assertArrayEquals(new int[] {2, 4}, s.shape());
        assertArrayEquals(new float[] {12, 15, 18, 21, 48, 51, 54, 57}, s.toArray());
        Tensor k = X.sum(-2, true);
        assertArrayEquals(new int[] {2, 1, 4}, k.shape());
        assertArrayEquals(s.toArray(), k.toArray());
    }

    @Test
    void sumOverSeveralDimensionsLikeAConvBiasGradient() {
        Tensor s = X.sum(new int[] {0, 2}, false);
        assertArrayEquals(new int[] {3}, s.shape());
        assertArrayEquals(new float[] {60, 92, 124}, s.toArray());
        assertArrayEquals(new int[] {1, 3, 1}, X.sum(new int[] {0, -1}, true).shape());
        assertArrayEquals(new int[] {1, 1, 1}, X.sum(new int[0], true).shape());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> X.sum(new int[] {1, -2}, false));
        assertEquals("sum: dimension -2 appears more than once in [1, -2]", e.getMessage());
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class, () -> X.sum(3, false));
        assertEquals("sum: dimension 3 is out of range for a 3-d tensor (expected -3..2)", range.getMessage());
    }

    @Test
    void sumAccumulatesInDoubleAndRoundsOnce() {
        Tensor big = Tensor.of(1e8f, 1f, 1f, 1f, 1f, -1e8f);
        assertEquals(4f, big.sum().item());
    }

    @Test
    void meanDividesByTheReducedCount() {
        assertEquals(11.5f, X.mean().item());
        Tensor m = X.mean(new int[] {0, 2}, true);
        assertArrayEquals(new int[] {1, 3, 1}, m.shape());
        assertArrayEquals(new float[] {7.5f, 11.5f, 15.5f}, m.toArray());
        assertArrayEquals(new float[] {1.5f, 5.5f, 9.5f, 13.5f, 17.5f, 21.5f}, X.mean(-1, false).toArray());
        assertTrue(Float.isNaN(Tensor.zeros(0).mean().item()));
    }

    @Test
    void maxAndMinReturnValues() {
        Tensor t = Tensor.of(new float[][] {{1, 5, 2}, {7, -1, 7}});
        assertEquals(7f, t.max().item());
        assertEquals(-1f, t.min().item());
        assertArrayEquals(new float[] {5, 7}, t.max(1, false).toArray());
        assertArrayEquals(new int[] {2, 1}, t.max(-1, true).shape());
        assertArrayEquals(new float[] {1, -1, 2}, t.min(0, false).toArray());
        assertTrue(Float.isNaN(Tensor.of(1f, Float.NaN, 3f).max().item()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 0).max(1, false));
        assertEquals("max: cannot reduce over an empty dimension of shape [2, 0]", e.getMessage());
    }

    @Test
    void argmaxTakesTheFirstMaximumOnTies() {
        Tensor t = Tensor.of(new float[][] {{1, 5, 5}, {7, 7, 7}, {0, -1, 3}});
        assertArrayEquals(new int[] {1, 0, 2}, t.argmax(1, false).toArray());
        assertArrayEquals(new int[] {1, 1, 1}, t.argmax(0, false).toArray());
        assertArrayEquals(new int[] {0, 0}, Tensor.of(new float[][] {{2, 2}, {2, 1}}).argmax(0, false).toArray());
        assertArrayEquals(new int[] {3, 1}, t.argmax(-1, true).shape());
        assertEquals(1, Tensor.of(1f, Float.NaN, 9f).argmax(0, false).item());
    }

    @Test
    void argmaxReturnsIntegerIndicesLikeTorch() {
        IndexTensor predicted = Tensor.of(new float[][] {{0.1f, 2f, -1f}, {3f, 0f, 3f}}).argmax(1, false);
        assertEquals(IndexTensor.of(1, 0), predicted);
        assertEquals("tensor([1, 0])", predicted.toString());
        assertEquals(IndexTensor.of(new int[] {1, 0}, 2, 1), Tensor.of(new float[][] {{0, 1}, {1, 0}}).argmax(1, true));
    }

    @Test
    void argmaxOverAllElementsIndexesTheFlattenedTensor() {
        Tensor t = Tensor.of(new float[][] {{1, 5}, {7, 2}});
        assertEquals(IndexTensor.scalar(2), t.argmax());
        assertEquals(IndexTensor.scalar(0), t.argmin());
        assertEquals(IndexTensor.scalar(1), t.t().argmax());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(0).argmax());
        assertEquals("argmax: cannot reduce over an empty dimension of shape [0]", e.getMessage());
    }

    @Test
    void argminTakesTheFirstMinimumAndNaN() {
        Tensor t = Tensor.of(new float[][] {{4, 1, 1}, {0, 2, 3}});
        assertEquals(IndexTensor.of(1, 0), t.argmin(1, false));
        assertEquals(IndexTensor.of(new int[] {1, 0, 0}, 1, 3), t.argmin(0, true));
        assertEquals(1, Tensor.of(1f, Float.NaN, -9f).argmin(0, false).item());
    }

    @Test
    void varIsUnbiasedOrBiasedOnRequest() {
        Tensor v = Tensor.of(1f, 2f, 3f, 4f);
        assertEquals(5f / 3f, v.var(true).item());
        assertEquals(1.25f, v.var(false).item());
        assertEquals((float) Math.sqrt(5.0 / 3.0), v.std(true).item());
        assertEquals((float) Math.sqrt(1.25), v.std(false).item());
        assertTrue(Float.isNaN(Tensor.of(3f).var(true).item()));
        assertEquals(0f, Tensor.of(3f).var(false).item());
    }

    @Test
    void stdOverDimensionsIsTheRootOfVar() {
        Tensor rows = Tensor.of(new float[][] {{1, 2, 3}, {2, 4, 6}});
        assertEquals(Tensor.of(1f, 4f), rows.var(1, true, false));
        assertEquals(Tensor.of(new float[][] {{1}, {2}}), rows.std(1, true, true));
        assertEquals(Tensor.of((float) Math.sqrt(2.0 / 3), (float) Math.sqrt(8.0 / 3)), rows.std(-1, false, false));
        Tensor perChannel = X.std(new int[] {0, 2}, false, true);
        assertArrayEquals(new int[] {1, 3, 1}, perChannel.shape());
        assertEquals((float) Math.sqrt(37.25), perChannel.get(0, 0, 0));
        assertEquals(X.std(true), X.std(new int[0], true, false));
        assertEquals(rows.std(false), rows.std(new int[] {0, 1}, false, false));
    }

    @Test
    void stdWithNothingToDivideByIsNaN() {
        Tensor column = Tensor.of(new float[][] {{1, 2, 3}});
        for (float v : column.std(0, true, false).toArray()) {
            assertTrue(Float.isNaN(v));
        }
        assertArrayEquals(new float[] {0, 0, 0}, column.std(0, false, false).toArray());
    }

    @Test
    void varOverDimensionsLikeBatchNorm() {
        Tensor perChannel = X.var(new int[] {0, 2}, false, true);
        assertArrayEquals(new int[] {1, 3, 1}, perChannel.shape());
        // channel 0 holds 0..3 and 12..15: mean 7.5, squared deviations average 37.25
        assertEquals(37.25f, perChannel.get(0, 0, 0));
        Tensor rows = X.var(new int[] {-1}, true, false);
        assertArrayEquals(new int[] {2, 3}, rows.shape());
        for (float r : rows.toArray()) {
            assertEquals(5f / 3f, r);
        }
    }

    @Test
    void reductionsReadNonContiguousViews() {
        Tensor t = X.permute(2, 0, 1);
        assertArrayEquals(X.sum(new int[] {0, 1}, false).toArray(), t.sum(new int[] {1, 2}, false).toArray());
        assertArrayEquals(X.argmax(1, false).toArray(), t.argmax(2, false).toFloat().t().toIndices().toArray());
    }

    @Test
    void sumsOfAViewAndOfItsCopyAreTheSameBits() {
        // A contiguous run goes to the Vector API kernel, a stepped view to the plain loop: both
        // add in the same order.
        java.util.Random random = new java.util.Random(17);
        for (int n : new int[] {7, 8, 15, 16, 17, 64, 1001}) {
            Tensor x = Tensor.randn(random, 3, n).mul(1e3f).add(Tensor.randn(random, 3, n));
            Tensor stepped = Tensor.stack(2, x, x.zerosLike()).select(2, 0);
            assertFalse(stepped.isContiguous());
            assertEquals(x.sum(1, false), stepped.sum(1, false), "n = " + n);
            assertEquals(x.mean(new int[] {1}, true), stepped.mean(new int[] {1}, true), "n = " + n);
            assertEquals(x.var(1, false, false), stepped.var(1, false, false), "n = " + n);
            assertEquals(x.std(1, true, false), stepped.std(1, true, false), "n = " + n);
        }
    }

    @Test
    void scalarReductionsAcceptDimZero() {
        Tensor s = Tensor.scalar(4f);
        assertEquals(s, s.sum(0, false));
        assertEquals(s, s.max(-1, true));
    }

    @Test
    void poolingWindowsOfTwoByTwoAddEachWindowInRowMajorOrder() {
        java.util.Random random = new java.util.Random(3);
        // 2 x 2 windows with stride 2 (an odd number of them per row; 4 and 2 per row, whole
        // planes of them, as a network pools 8 x 8 and 4 x 4 images; 2 per row with a column
        // left over) and with stride 1.
        for (int size : new int[] {7, 8, 4, 5}) {
            poolingWindowsAddInRowMajorOrder(random, size);
        }
    }

    private static void poolingWindowsAddInRowMajorOrder(java.util.Random random, int size) {
        // Down each even column a large value and its negation below it, small values elsewhere:
        // added in row-major order a window loses its first small value to the large one before
        // they cancel ((A + b) - A = 0 in double), in another order it keeps it, so the bits
        // show the order.
        float[] values = new float[6 * 3 * size * size];
        for (int i = 0; i < values.length; i++) {
            int row = i / size % size;
            int column = i % size;
            values[i] = column % 2 == 1 ? (float) random.nextGaussian()
                    : row % 2 == 0 ? 1e20f * (float) random.nextGaussian() : -values[i - size];
        }
        Tensor x = Tensor.of(values, 6, 3, size, size);
        for (int stride : new int[] {2, 1}) {
            Tensor windows = x.unfold(2, 2, stride).unfold(3, 2, stride);
            Tensor sums = windows.sum(new int[] {4, 5}, false);
            Tensor means = windows.mean(new int[] {-2, -1}, true);
            int out = (size - 2) / stride + 1;
            assertArrayEquals(new int[] {6, 3, out, out}, sums.shape());
            assertArrayEquals(new int[] {6, 3, out, out, 1, 1}, means.shape());
            for (int n = 0; n < 6; n++) {
                for (int c = 0; c < 3; c++) {
                    for (int i = 0; i < out; i++) {
                        for (int j = 0; j < out; j++) {
                            double s = 0;
                            s += x.get(n, c, stride * i, stride * j);
                            s += x.get(n, c, stride * i, stride * j + 1);
                            s += x.get(n, c, stride * i + 1, stride * j);
                            s += x.get(n, c, stride * i + 1, stride * j + 1);
                            assertEquals((float) s, sums.get(n, c, i, j));
                            assertEquals((float) (s / 4), means.get(n, c, i, j, 0, 0));
                        }
                    }
                }
            }
        }
    }

    @Test
    void poolingRowsOfFourAndTwoWindowsAddEachWindowInRowMajorOrder() {
        java.util.Random random = new java.util.Random(4);
        // Rows of eight and of four columns, as the vector kernel takes them (a row of four
        // windows per load, or two rows of two), an odd number of rows of two among them; a
        // window of negative zeros sums to +0 (its sum starts from +0), a NaN stays in its window.
        for (int[] shape : new int[][] {{3, 1, 2, 8}, {2, 3, 8, 8}, {1, 3, 6, 4}, {2, 2, 4, 4}}) {
            Tensor x = Tensor.randn(random, shape).mul(Tensor.randn(random, shape).mul(20f).exp());
            float[] values = x.toArray();
            values[0] = -0f;
            values[1] = -0f;
            values[shape[3]] = -0f;
            values[shape[3] + 1] = -0f;
            values[values.length - 1] = Float.NaN;
            x = Tensor.of(values, shape);
            Tensor sums = x.unfold(2, 2, 2).unfold(3, 2, 2).sum(new int[] {4, 5}, false);
            for (int n = 0; n < shape[0]; n++) {
                for (int c = 0; c < shape[1]; c++) {
                    for (int i = 0; i < shape[2] / 2; i++) {
                        for (int j = 0; j < shape[3] / 2; j++) {
                            double s = 0;
                            s += x.get(n, c, 2 * i, 2 * j);
                            s += x.get(n, c, 2 * i, 2 * j + 1);
                            s += x.get(n, c, 2 * i + 1, 2 * j);
                            s += x.get(n, c, 2 * i + 1, 2 * j + 1);
                            assertEquals((float) s, sums.get(n, c, i, j), () -> java.util.Arrays.toString(shape));
                        }
                    }
                }
            }
            assertEquals(0f, sums.get(0, 0, 0, 0));
            assertTrue(Float.isNaN(sums.get(shape[0] - 1, shape[1] - 1, shape[2] / 2 - 1, shape[3] / 2 - 1)));
        }
    }

    @Test
    void windowSumsOfManyWindowsAddEachWindowInRowMajorOrder() {
        java.util.Random random = new java.util.Random(2);
        // Overlapping 3 x 3 windows, stride 2, of 40 images: walked across the windows.
        Tensor x = Tensor.randn(random, 40, 2, 7, 7);
        Tensor sums = x.unfold(2, 3, 2).unfold(3, 3, 2).sum(new int[] {4, 5}, false);
        assertArrayEquals(new int[] {40, 2, 3, 3}, sums.shape());
        for (int n = 0; n < 40; n++) {
            for (int c = 0; c < 2; c++) {
                for (int i = 0; i < 3; i++) {
                    for (int j = 0; j < 3; j++) {
                        double s = 0;
                        for (int u = 0; u < 3; u++) {
                            for (int v = 0; v < 3; v++) {
                                s += x.get(n, c, 2 * i + u, 2 * j + v);
                            }
                        }
                        assertEquals((float) s, sums.get(n, c, i, j));
                    }
                }
            }
        }
    }

    /**
     * The vector kernel (contiguous runs from 16 elements) adds in the plain loop's order: the
     * same run read at stride 2 takes the plain loop, and both give the same double, for run
     * lengths around every multiple of 8 and 16 and for the squared deviations of var.
     */
    @Test
    void contiguousRunsSumToThePlainLoopsBits() {
        java.util.Random random = new java.util.Random(31);
        for (int n = 1; n <= 100; n++) {
            float[] run = new float[n + 3];
            float[] spread = new float[2 * n];
            for (int i = 0; i < n; i++) {
                float x = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(7) - 3));
                run[3 + i] = x;
                spread[2 * i] = x;
            }
            double mean = Reductions.sum(spread, 0, 2, n) / n;
            assertEquals(Reductions.sum(spread, 0, 2, n), Reductions.sum(run, 3, 1, n), "sum of " + n);
            assertEquals(Reductions.squaredDeviation(spread, 0, 2, n, mean), Reductions.squaredDeviation(run, 3, 1, n, mean),
                    "squared deviation of " + n);
        }
    }

    /**
     * Rows of runs summed two at a time (a batch norm's sums over [N, C, H, W] without C) give
     * the doubles of the plain loop: the same values read at stride 2 take it. Runs of lengths
     * around the multiples of 8 and 16, an odd number of rows, each run its own group or every
     * row's run into the same groups.
     */
    @Test
    void runsSummedInPairsGiveThePlainLoopsBits() {
        java.util.Random random = new java.util.Random(37);
        int channels = 3;
        for (int length : new int[] {16, 17, 23, 24, 25, 31, 32, 40, 47, 48, 64, 65, 72, 100}) {
            for (int rows : new int[] {2, 3, 5}) {
                int n = rows * channels * length;
                float[] run = new float[n];
                float[] spread = new float[2 * n];
                for (int i = 0; i < n; i++) {
                    // magnitudes 1e-3 to 1e12: sums of them in double are rounded, so a
                    // different order of the additions shows in the bits
                    float x = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(16) - 3));
                    run[i] = x;
                    spread[2 * i] = x;
                }
                int[] shape = {rows, channels, length};
                int[] strides = {channels * length, length, 1};
                int[] spreadStrides = {2 * channels * length, 2 * length, 2};
                for (boolean[] reduced : new boolean[][] {{true, false, true}, {false, false, true}}) {
                    int groups = reduced[0] ? channels : rows * channels;
                    String what = "rows " + rows + ", runs of " + length + (reduced[0] ? ", one group per channel" : ", a group per run");
                    double[] expected = Reductions.sums(spread, shape, spreadStrides, 0, reduced, groups);
                    assertArrayEquals(expected, Reductions.sums(run, shape, strides, 0, reduced, groups), what);
                    double[] means = expected.clone();
                    for (int g = 0; g < groups; g++) {
                        means[g] /= (double) n / groups;
                    }
                    assertArrayEquals(Reductions.squaredDeviations(spread, shape, spreadStrides, 0, reduced, means),
                            Reductions.squaredDeviations(run, shape, strides, 0, reduced, means), "squared deviations, " + what);
                }
            }
        }
    }
}
