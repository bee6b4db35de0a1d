package io.cnnhomework.tensor;

import java.util.Arrays;

/**
 * The matrix product kernel behind {@link Tensor#matmul}: {@code C = A B} for row-major
 * {@code A [n, k]}, {@code B [k, m]}, {@code C [n, m]}, accumulated in float.
 *
 * <p>Every element of C is summed in the same order as the plain i-k-j loop
 * ({@code c[i][j] += a[i][p] * b[p][j]} for {@code p = 0, 1, ...}, starting from 0), so results
 * are bit for bit those of that loop; only the memory traffic is arranged differently:
 * <ul>
 *   <li>four rows of C are computed together, so each element of B loaded from memory serves
 *       four multiply-adds and the loop overhead is shared;</li>
 *   <li>the rows of B and the four rows of C being accumulated each live in their own small
 *       array starting at index 0. The JIT of JDK 17 vectorises {@code acc[j] += x * row[j]} but
 *       not the same loop over two arrays read at different running offsets, which is what
 *       {@code c[ci + j] += x * b[bp + j]} is.</li>
 * </ul>
 */
final class MatMul {

    private MatMul() {
    }

    /**
     * Writes {@code A B} into {@code c[co .. co + n*m)}; {@code a} and {@code b} are read from
     * their offsets in row-major order.
     */
    static void multiply(float[] a, int ao, float[] b, int bo, float[] c, int co, int n, int k, int m) {
        if (m == 1) {
            matrixVector(a, ao, b, bo, c, co, n, k);
            return;
        }
        float[][] rowsOfB = rows(b, bo, k, m);
        float[][] acc = new float[4][m];
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            fourRows(a, ao + i * k, k, rowsOfB, acc);
            for (int r = 0; r < 4; r++) {
                System.arraycopy(acc[r], 0, c, co + (i + r) * m, m);
            }
        }
        for (; i < n; i++) {
            oneRow(a, ao + i * k, k, rowsOfB, acc[0]);
            System.arraycopy(acc[0], 0, c, co + i * m, m);
        }
    }

    /** Copies each row of B into its own array, so the inner loops index both operands from 0. */
    private static float[][] rows(float[] b, int bo, int k, int m) {
        float[][] rows = new float[k][];
        for (int p = 0; p < k; p++) {
            rows[p] = Arrays.copyOfRange(b, bo + p * m, bo + (p + 1) * m);
        }
        return rows;
    }

    /** Rows {@code 0..3} of A starting at {@code ai}, times B, into {@code acc[0..3]}. */
    private static void fourRows(float[] a, int ai, int k, float[][] rowsOfB, float[][] acc) {
        float[] c0 = acc[0];
        float[] c1 = acc[1];
        float[] c2 = acc[2];
        float[] c3 = acc[3];
        for (float[] row : acc) {
            Arrays.fill(row, 0f);
        }
        int m = c0.length;
        for (int p = 0; p < k; p++) {
            float x0 = a[ai + p];
            float x1 = a[ai + k + p];
            float x2 = a[ai + 2 * k + p];
            float x3 = a[ai + 3 * k + p];
            float[] row = rowsOfB[p];
            for (int j = 0; j < m; j++) {
                float bj = row[j];
                c0[j] += x0 * bj;
                c1[j] += x1 * bj;
                c2[j] += x2 * bj;
                c3[j] += x3 * bj;
            }
        }
    }

    /** One row of A starting at {@code ai}, times B, into {@code acc}. */
    private static void oneRow(float[] a, int ai, int k, float[][] rowsOfB, float[] acc) {
        Arrays.fill(acc, 0f);
        int m = acc.length;
        for (int p = 0; p < k; p++) {
            float x = a[ai + p];
            float[] row = rowsOfB[p];
            for (int j = 0; j < m; j++) {
                acc[j] += x * row[j];
            }
        }
    }

    /** {@code m == 1}: each element of C is one dot product, summed in the same order. */
    private static void matrixVector(float[] a, int ao, float[] b, int bo, float[] c, int co, int n, int k) {
        for (int i = 0; i < n; i++) {
            float sum = 0f;
            int ai = ao + i * k;
            for (int p = 0; p < k; p++) {
                sum += a[ai + p] * b[bo + p];
            }
            c[co + i] = sum;
        }
    }
}
