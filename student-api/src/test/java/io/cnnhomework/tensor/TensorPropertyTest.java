package io.cnnhomework.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Properties checked over small random shapes against naive index arithmetic. Each case draws
 * from {@code new Random(SEED + case)}, and failure messages name the case, so any failure
 * reproduces on its own.
 */
class TensorPropertyTest {

    private static final long SEED = 20240501L;
    private static final int CASES = 200;

    /** Runs a property for every case, prefixing failures with the case number. */
    private static void forAllCases(Consumer<Random> property) {
        for (int c = 0; c < CASES; c++) {
            Random random = new Random(SEED + c);
            try {
                property.accept(random);
            } catch (AssertionError e) {
                throw new AssertionError("case " + c + " (seed " + (SEED + c) + "): " + e.getMessage(), e);
            }
        }
    }

    private static int[] randomShape(Random random, int minRank, int maxRank, int maxSize) {
        int[] shape = new int[minRank + random.nextInt(maxRank - minRank + 1)];
        for (int d = 0; d < shape.length; d++) {
            shape[d] = 1 + random.nextInt(maxSize);
        }
        return shape;
    }

    private static int[] randomPermutation(Random random, int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** A random tensor that is sometimes a non-contiguous view (a transposed copy read back). */
    private static Tensor randomTensor(Random random, int[] shape) {
        if (shape.length >= 2 && random.nextBoolean()) {
            int[] swapped = shape.clone();
            swapped[0] = shape[shape.length - 1];
            swapped[shape.length - 1] = shape[0];
            return Tensor.randn(random, swapped).transpose(0, -1);
        }
        return Tensor.randn(random, shape);
    }

    private static int numel(int[] shape) {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        return n;
    }

    /** Row-major multi-index of flat position {@code flat} in {@code shape}. */
    private static int[] unravel(int flat, int[] shape) {
        int[] index = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            index[d] = flat % shape[d];
            flat /= shape[d];
        }
        return index;
    }

    @Test
    void reshapeRoundTripRestoresTheTensor() {
        forAllCases(random -> {
            int[] shape = randomShape(random, 0, 4, 4);
            Tensor x = randomTensor(random, shape);
            int[] flatShape = {numel(shape)};
            Tensor back = x.reshape(flatShape).reshape(shape);
            assertEquals(x, back);
            assertArrayEquals(x.toArray(), x.reshape(-1).toArray());
        });
    }

    @Test
    void permuteThenInversePermuteIsIdentity() {
        forAllCases(random -> {
            int[] shape = randomShape(random, 1, 5, 4);
            Tensor x = randomTensor(random, shape);
            int[] p = randomPermutation(random, shape.length);
            int[] inverse = new int[p.length];
            for (int i = 0; i < p.length; i++) {
                inverse[p[i]] = i;
            }
            assertEquals(x, x.permute(p).permute(inverse));
            assertEquals(x, x.permute(p).contiguous().permute(inverse));
        });
    }

    @Test
    void permuteContiguousEqualsElementwiseReindexing() {
        forAllCases(random -> {
            int[] shape = randomShape(random, 1, 5, 4);
            Tensor x = randomTensor(random, shape);
            int[] p = randomPermutation(random, shape.length);
            Tensor y = x.permute(p).contiguous();
            assertTrue(y.isContiguous());
            int[] yShape = y.shape();
            float[] flat = y.toArray();
            for (int i = 0; i < flat.length; i++) {
                int[] yIndex = unravel(i, yShape);
                int[] xIndex = new int[shape.length];
                for (int d = 0; d < p.length; d++) {
                    xIndex[p[d]] = yIndex[d];
                }
                assertEquals(x.get(xIndex), flat[i], "at " + Arrays.toString(yIndex));
            }
        });
    }

    @Test
    void transposeTwiceIsIdentity() {
        forAllCases(random -> {
            int[] shape = randomShape(random, 1, 4, 5);
            Tensor x = randomTensor(random, shape);
            int d0 = random.nextInt(shape.length) - (random.nextBoolean() ? shape.length : 0);
            int d1 = random.nextInt(shape.length);
            assertEquals(x, x.transpose(d0, d1).transpose(d0, d1));
        });
    }

    @Test
    void broadcastAddEqualsNaiveLoop() {
        forAllCases(random -> {
            int[] out = randomShape(random, 0, 4, 4);
            int[] a = dropDimensions(random, out);
            int[] b = dropDimensions(random, out);
            Tensor ta = randomTensor(random, a);
            Tensor tb = randomTensor(random, b);
            Tensor sum = ta.add(tb);
            int[] expectedShape = Shapes.broadcast("add", a, b);
            assertArrayEquals(expectedShape, sum.shape());
            float[] flat = sum.toArray();
            for (int i = 0; i < flat.length; i++) {
                int[] index = unravel(i, expectedShape);
                float expected = ta.get(project(index, a)) + tb.get(project(index, b));
                assertEquals(expected, flat[i], "at " + Arrays.toString(index));
            }
        });
    }

    /** A shape that broadcasts to {@code out}: some leading dims dropped, some sizes set to 1. */
    private static int[] dropDimensions(Random random, int[] out) {
        int drop = random.nextInt(out.length + 1);
        int[] shape = Arrays.copyOfRange(out, drop, out.length);
        for (int d = 0; d < shape.length; d++) {
            if (random.nextInt(3) == 0) {
                shape[d] = 1;
            }
        }
        return shape;
    }

    /** The index into a broadcast operand of {@code shape} for an output index. */
    private static int[] project(int[] outIndex, int[] shape) {
        int[] index = new int[shape.length];
        int shift = outIndex.length - shape.length;
        for (int d = 0; d < shape.length; d++) {
            index[d] = shape[d] == 1 ? 0 : outIndex[d + shift];
        }
        return index;
    }

    @Test
    void matmulEqualsNaiveTripleLoopInDouble() {
        forAllCases(random -> {
            int n = 1 + random.nextInt(6);
            int k = 1 + random.nextInt(7);
            int m = 1 + random.nextInt(6);
            int batch = 1 + random.nextInt(3);
            Tensor a = randomTensor(random, new int[] {batch, n, k});
            Tensor b = randomTensor(random, new int[] {k, m});
            Tensor c = a.matmul(b);
            assertArrayEquals(new int[] {batch, n, m}, c.shape());
            for (int s = 0; s < batch; s++) {
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < m; j++) {
                        double expected = 0;
                        double magnitude = 0;
                        for (int p = 0; p < k; p++) {
                            double term = (double) a.get(s, i, p) * b.get(p, j);
                            expected += term;
                            magnitude += Math.abs(term);
                        }
                        // Relative to the summed magnitudes: float accumulation of k terms.
                        assertEquals(expected, c.get(s, i, j), 1e-5 * Math.max(magnitude, 1e-3),
                                "at " + s + ", " + i + ", " + j);
                    }
                }
            }
        });
    }

    @Test
    void sumOverDimsEqualsNaiveSum() {
        forAllCases(random -> {
            int[] shape = randomShape(random, 1, 4, 4);
            Tensor x = randomTensor(random, shape);
            boolean[] reduced = new boolean[shape.length];
            int count = 0;
            for (int d = 0; d < shape.length; d++) {
                reduced[d] = random.nextBoolean();
                count += reduced[d] ? 1 : 0;
            }
            int[] dims = new int[count];
            for (int d = 0, j = 0; d < shape.length; d++) {
                if (reduced[d]) {
                    dims[j++] = random.nextBoolean() ? d : d - shape.length;
                }
            }
            boolean keepdim = random.nextBoolean();
            Tensor s = x.sum(dims, keepdim);
            int[] keptShape = shape.clone();
            for (int d = 0; d < shape.length; d++) {
                if (reduced[d] || count == 0) {
                    keptShape[d] = 1;
                }
            }
            double[] expected = new double[numel(keptShape)];
            for (int i = 0; i < x.numel(); i++) {
                int[] index = unravel(i, shape);
                int[] outIndex = project(index, keptShape);
                expected[flatIndex(outIndex, keptShape)] += x.get(index);
            }
            assertEquals(expected.length, s.numel());
            if (keepdim) {
                assertArrayEquals(keptShape, s.shape());
            }
            float[] actual = s.toArray();
            for (int i = 0; i < expected.length; i++) {
                assertEquals((float) expected[i], actual[i], 1e-6f);
            }
        });
    }

    private static int flatIndex(int[] index, int[] shape) {
        int flat = 0;
        for (int d = 0; d < shape.length; d++) {
            flat = flat * shape[d] + index[d];
        }
        return flat;
    }

    @Test
    void slicedViewEqualsCopyOfTheSameElements() {
        forAllCases(random -> {
            int[] shape = randomShape(random, 1, 4, 6);
            Tensor x = randomTensor(random, shape);
            int d = random.nextInt(shape.length);
            int start = random.nextInt(shape[d]);
            int end = start + random.nextInt(shape[d] - start + 1);
            int step = 1 + random.nextInt(3);
            Tensor view = x.slice(d, start, end, step);
            Tensor copy = x.copy().slice(d, start, end, step).copy();
            assertEquals(copy, view);
            float[] flat = view.toArray();
            int[] viewShape = view.shape();
            for (int i = 0; i < flat.length; i++) {
                int[] index = unravel(i, viewShape);
                index[d] = start + index[d] * step;
                assertEquals(x.get(index), flat[i]);
            }
        });
    }

    @Test
    void padThenSliceRecoversTheOriginal() {
        forAllCases(random -> {
            int[] shape = randomShape(random, 1, 4, 4);
            Tensor x = randomTensor(random, shape);
            int padded = 1 + random.nextInt(shape.length);
            int[] pads = new int[2 * padded];
            for (int i = 0; i < pads.length; i++) {
                pads[i] = random.nextInt(3);
            }
            Tensor p = x.pad(pads);
            Tensor back = p;
            for (int j = 0; j < padded; j++) {
                int d = shape.length - 1 - j;
                assertEquals(shape[d] + pads[2 * j] + pads[2 * j + 1], p.size(d));
                back = back.narrow(d, pads[2 * j], shape[d]);
            }
            assertEquals(x, back);
            assertEquals(x.sum().item(), p.sum().item(), 1e-5f);
        });
    }

    @Test
    void inPlaceAddThroughAPermutedViewMatchesOutOfPlaceAdd() {
        forAllCases(random -> {
            int[] shape = randomShape(random, 1, 4, 4);
            Tensor base = Tensor.randn(random, shape);
            int[] p = randomPermutation(random, shape.length);
            Tensor view = base.permute(p);
            Tensor other = Tensor.randn(random, dropDimensions(random, view.shape()));
            Tensor expected = view.add(other);
            view.addInPlace(other);
            assertEquals(expected, view);
        });
    }
    @Test
    void gatherEqualsNaiveReindexing() {
        forAllCases(random -> {
            int[] shape = randomShape(random, 1, 4, 4);
            Tensor x = randomTensor(random, shape);
            int dim = random.nextInt(shape.length);
            int[] indexShape = shape.clone();
            for (int d = 0; d < shape.length; d++) {
                indexShape[d] = d == dim ? 1 + random.nextInt(5) : 1 + random.nextInt(shape[d]);
            }
            int[] positions = new int[numel(indexShape)];
            for (int i = 0; i < positions.length; i++) {
                positions[i] = random.nextInt(shape[dim]);
            }
            Tensor gathered = x.gather(dim - (random.nextBoolean() ? shape.length : 0), IndexTensor.of(positions, indexShape));
            assertArrayEquals(indexShape, gathered.shape());
            float[] flat = gathered.toArray();
            for (int i = 0; i < flat.length; i++) {
                int[] index = unravel(i, indexShape);
                index[dim] = positions[i];
                assertEquals(x.get(index), flat[i], "at flat " + i);
            }
        });
    }

    @Test
    void indexSelectEqualsStackedSelects() {
        forAllCases(random -> {
            int[] shape = randomShape(random, 1, 4, 4);
            Tensor x = randomTensor(random, shape);
            int dim = random.nextInt(shape.length);
            int[] positions = new int[1 + random.nextInt(5)];
            Tensor[] slices = new Tensor[positions.length];
            for (int i = 0; i < positions.length; i++) {
                positions[i] = random.nextInt(shape[dim]);
                slices[i] = x.select(dim, positions[i]);
            }
            assertEquals(Tensor.stack(dim, slices), x.indexSelect(dim, positions));
        });
    }

    @Test
    void argmaxPointsAtTheMaxAndStdIsTheRootOfVar() {
        forAllCases(random -> {
            int[] shape = randomShape(random, 1, 4, 4);
            Tensor x = randomTensor(random, shape);
            int dim = random.nextInt(shape.length);
            IndexTensor at = x.argmax(dim, true);
            assertEquals(x.max(dim, true), x.gather(dim, at));
            assertEquals(x.min(dim, true), x.gather(dim, x.argmin(dim, true)));
            int[] dims = dim == 0 ? new int[] {0} : new int[] {0, dim};
            boolean unbiased = random.nextBoolean();
            float[] variances = x.var(dims, unbiased, false).toArray();
            float[] deviations = x.std(dims, unbiased, false).toArray();
            for (int i = 0; i < variances.length; i++) {
                // Both come from one double variance; the root rounded once is within an ulp.
                float root = (float) Math.sqrt(variances[i]);
                if (Float.isNaN(root)) {
                    assertTrue(Float.isNaN(deviations[i]), "group " + i + " of one element, unbiased");
                } else {
                    assertEquals(root, deviations[i], Math.ulp(root), "group " + i);
                }
            }
        });
    }
}
