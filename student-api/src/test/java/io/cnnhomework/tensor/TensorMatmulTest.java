package io.cnnhomework.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void stridedOperandsGiveBitForBitTheProductOfTheirCopies() {
        java.util.Random random = new java.util.Random(3);
        Tensor a = Tensor.randn(random, 9, 13);
        Tensor b = Tensor.randn(random, 7, 9);
        Tensor expected = a.t().contiguous().matmul(b.t().contiguous());
        assertEquals(expected, a.t().matmul(b.t()));                                    // [13, 9] @ [9, 7]
        Tensor stepped = Tensor.randn(random, 13, 20).slice(1, 1, 20, 3);               // [13, 7], strides 20, 3
        assertEquals(expected.matmul(stepped.t().contiguous()), expected.matmul(stepped.t()));
    }

    @Test
    void largeProductsSplitBetweenThreadsSumInThePlainLoopOrder() {
        java.util.Random random = new java.util.Random(5);
        // Above the size from which the work is shared: one matrix split by its blocks of
        // columns (the last one ragged), conv2's forward product likewise, one with a single
        // block of columns split by rows, then a batch.
        assertTrue(1031L * 211 * 41 >= MatMul.PARALLEL_WORK, "every product here is shared between threads");
        Tensor a = Tensor.randn(random, 1031, 211);
        Tensor b = Tensor.randn(random, 211, 41);
        assertArrayEquals(plainLoop(a, b), a.matmul(b).toArray());
        Tensor filters = Tensor.randn(random, 64, 144);
        Tensor columns = Tensor.randn(random, 144, 1024);
        assertArrayEquals(plainLoop(filters, columns), filters.matmul(columns).toArray());
        Tensor tallA = Tensor.randn(random, 7201, 80);
        Tensor slimB = Tensor.randn(random, 80, 15);
        assertArrayEquals(plainLoop(tallA, slimB), tallA.matmul(slimB).toArray());
        // Short rows of C, computed column by column: [72000, 13] @ [13, 9], also from a transposed view.
        Tensor tall = Tensor.randn(random, 72000, 13);
        Tensor narrow = Tensor.randn(random, 9, 13).t();
        assertArrayEquals(plainLoop(tall, narrow), tall.matmul(narrow).toArray());
        Tensor batchA = Tensor.randn(random, 9, 241, 120);
        Tensor batchB = Tensor.randn(random, 9, 120, 33);
        Tensor product = batchA.matmul(batchB);
        for (int q = 0; q < 9; q++) {
            assertArrayEquals(plainLoop(batchA.select(0, q), batchB.select(0, q)), product.select(0, q).toArray());
        }
    }

    @Test
    void longRowsComputedInChunksSumInThePlainLoopOrder() {
        java.util.Random random = new java.util.Random(7);
        // Rows of C longer than one chunk of columns, from a contiguous and a transposed B: the
        // shapes of a convolution's forward product and its weight gradient.
        Tensor filters = Tensor.randn(random, 6, 37);
        Tensor columns = Tensor.randn(random, 37, 1100);
        assertArrayEquals(plainLoop(filters, columns), filters.matmul(columns).toArray());
        Tensor gradients = Tensor.randn(random, 5, 1100);
        assertArrayEquals(plainLoop(gradients, columns.t()), gradients.matmul(columns.t()).toArray());
    }

    @Test
    void fewShortRowsOverALongInnerDimensionSumInThePlainLoopOrder() {
        java.util.Random random = new java.util.Random(11);
        // A one-channel convolution's weight gradient, B a transposed view: [5, 300] @ [300, 9],
        // and conv1's at full size, [16, 4096] @ [4096, 9], in tiles of eight rows.
        for (int[] size : new int[][] {{5, 300}, {16, 4096}}) {
            Tensor gradients = Tensor.randn(random, size[0], size[1]);
            Tensor columns = Tensor.randn(random, 9, size[1]);
            assertArrayEquals(plainLoop(gradients, columns.t()), gradients.matmul(columns.t()).toArray());
        }
        Tensor batchA = Tensor.randn(random, 2, 3, 70);
        Tensor batchB = Tensor.randn(random, 2, 7, 70).transpose(1, 2);
        Tensor product = batchA.matmul(batchB);
        for (int q = 0; q < 2; q++) {
            assertArrayEquals(plainLoop(batchA.select(0, q), batchB.select(0, q)), product.select(0, q).toArray());
        }
    }

    @Test
    void eightRowsByOneVectorSumInThePlainLoopOrder() {
        java.util.Random random = new java.util.Random(13);
        // C one vector wide or less over rows of A contiguous along p: whole groups of eight
        // rows, groups with four or fewer left over, stored directly or through the spill.
        for (int rows : new int[] {8, 13, 16, 21}) {
            for (int width : new int[] {9, Kernels.LANES}) {
                for (int depth : new int[] {1, 7, 300}) {
                    Tensor a = Tensor.randn(random, rows, depth);
                    Tensor b = Tensor.randn(random, depth, width);
                    assertArrayEquals(plainLoop(a, b), a.matmul(b).toArray(), rows + " x " + depth + " x " + width);
                    Tensor bt = Tensor.randn(random, width, depth).t();
                    assertArrayEquals(plainLoop(a, bt), a.matmul(bt).toArray(), rows + " x " + depth + " x " + width);
                }
            }
        }
    }

    @Test
    void theVectorKernelRunsInTheseTests() {
        // The build gives every test JVM --add-modules jdk.incubator.vector, so the bit-for-bit
        // tests here check the Vector API kernel, not only the plain loops.
        assertTrue(Kernels.VECTOR, "the Vector API kernels are off: is jdk.incubator.vector added?");
    }

    @Test
    void vectorTilesAndTheirEdgesSumInThePlainLoopOrder() {
        java.util.Random random = new java.util.Random(13);
        // Rows not a multiple of four, columns not a multiple of a vector, operands as views of
        // every orientation: each edge of the tiles and each panel, a transposed panel packed in
        // one block of rows or several, each product's panel in the array a larger one used before.
        randomProducts(random, 60, new int[] {1, 40}, new int[] {1, 150}, new int[] {2, 71}, "case");
        // Deep products (a weight gradient's), whose tiles of eight rows read A unpacked.
        randomProducts(random, 12, new int[] {8, 37}, new int[] {257, 1156}, new int[] {17, 76}, "deep case");
    }

    /** {@code cases} products of random sizes within the given ranges (both ends included), each checked against the plain loop. */
    private static void randomProducts(java.util.Random random, int cases, int[] rows, int[] depth, int[] columns, String what) {
        for (int c = 0; c < cases; c++) {
            int n = rows[0] + random.nextInt(rows[1] - rows[0] + 1);
            int k = depth[0] + random.nextInt(depth[1] - depth[0] + 1);
            int m = columns[0] + random.nextInt(columns[1] - columns[0] + 1);
            Tensor a = random.nextBoolean() ? Tensor.randn(random, n, k) : Tensor.randn(random, k, n).t();
            Tensor b = random.nextBoolean() ? Tensor.randn(random, k, m) : Tensor.randn(random, m, k).t();
            assertArrayEquals(plainLoop(a, b), a.matmul(b).toArray(), what + " " + c + ": " + n + " x " + k + " x " + m);
        }
    }

    /** {@code c[i][j] = fma(a[i][p], b[p][j], c[i][j])} in float, p ascending: what matmul promises. */
    private static float[] plainLoop(Tensor a, Tensor b) {
        int n = a.size(0);
        int k = a.size(1);
        int m = b.size(1);
        float[] c = new float[n * m];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < k; p++) {
                float x = a.get(i, p);
                for (int j = 0; j < m; j++) {
                    c[i * m + j] = Math.fma(x, b.get(p, j), c[i * m + j]);
                }
            }
        }
        return c;
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
