package io.cnnhomework.tensor;

import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * The matrix product kernel behind {@link Tensor#matmul}: {@code C = A B} for {@code A [n, k]},
 * {@code B [k, m]} read through any strides (transposed and sliced views included, nothing is
 * copied first) into a row-major {@code C [n, m]}, accumulated in float.
 *
 * <p>Every element of C is summed in the same order as the plain i-k-j loop with fused
 * multiply-adds ({@code c[i][j] = Math.fma(a[i][p], b[p][j], c[i][j])} for
 * {@code p = 0, 1, ...}, starting from 0: one rounding per term instead of two, and one
 * instruction where the CPU has FMA), so results are bit for bit those of that loop, whatever
 * the strides and however many threads share the work; only the memory traffic is arranged
 * differently:
 * <ul>
 *   <li>four rows of C are computed together and two values of {@code p} are taken per pass
 *       ({@code fma(y, b_{p+1}, fma(x, b_p, c))}, the order of the plain loop): each element of
 *       B loaded from memory serves four multiply-adds and each accumulator is loaded and
 *       stored half as often;</li>
 *   <li>the rows of B and the four rows of C being accumulated each live in their own small
 *       array starting at index 0. The JIT of JDK 17 vectorises {@code acc[j] += x * row[j]} but
 *       not the same loop over arrays read at different running offsets, which is what
 *       {@code c[ci + j] += x * b[bp + j]} is. Packing B this way is also what lets B be any
 *       view: it is read once through its strides, a transposed B in blocks of rows so that
 *       each cache line read serves several of them;</li>
 *   <li>when both orientations give short rows and the inner dimension is long (a weight
 *       gradient of a one-channel convolution, [16, 4096] × [4096, 9]), each element is a dot
 *       product of a row of A and a column of B, both contiguous, eight of them at a time;</li>
 *   <li>long rows of C are computed {@link #CHUNK} columns at a time, so that the four rows
 *       of accumulators stay in the level-1 cache;</li>
 *   <li>when the rows of C are short and many (fewer than {@link #SHORT_ROW} columns), C is
 *       computed column by column, as the rows of {@code C^T = B^T A^T}: the same sums, with
 *       the vector loop running along the long side;</li>
 *   <li>a product of at least {@link #PARALLEL_WORK} multiply-adds is split by rows (or by
 *       matrices of a batch) between the calling thread and the common fork-join pool, whose
 *       threads are daemons. Each part is computed exactly as it would be alone.</li>
 * </ul>
 *
 * <p>Where the Vector API is present ({@link Kernels#VECTOR}), products of at least
 * {@link #VECTOR_WORK} multiply-adds run {@link VectorMatMul}'s register tiles instead of the
 * loops above, reading B from small panels of its columns, in the same order of additions: the
 * same bits, about twice as fast; unless {@link #BOXING} has seen the JIT compile them into code
 * that boxes its vectors, after which the loops above run.
 */
final class MatMul {

    /** Watches the Vector API products; once tripped, the plain kernel computes them. */
    static final BoxingWatch BOXING = BoxingWatch.announcing(Runtime.getRuntime()::freeMemory);

    /**
     * Multiply-adds from which a product is shared between threads: below it, handing work to
     * another thread costs more than it saves. Measured on a 2-core virtual machine, one thread
     * against two, operands just made by the calling thread: [32, 144] × [144, 1024] (4.7 M)
     * gains nothing, [64, 288] × [288, 1024] (18.9 M) 13 %, 75 M 37 %, 302 M 1.84 times; the
     * training of the digits network, whose largest products are 4.7 M, took 2.58 s with two
     * threads and a threshold of 2^19, 2.28 s with this one, as with one thread.
     */
    static final long PARALLEL_WORK = 1L << 23;

    /**
     * Below this many columns of C (and with at least four times as many rows) the product is
     * computed column by column: the vector loop runs along the rows instead.
     */
    static final int SHORT_ROW = 32;

    /**
     * The columns of C computed in one pass: the four rows of accumulators stay in the level-1
     * cache, and the vector loop is long enough that its set-up does not count.
     */
    static final int CHUNK = 512;

    /**
     * Below this many columns of C (and fewer than four times as many rows) a product whose
     * operands both run along p is computed as dot products, if p runs at least
     * {@link #DOT_DEPTH} long.
     */
    static final int DOT_ROW = 16;

    /** The shortest inner dimension computed as dot products. */
    static final int DOT_DEPTH = 64;

    /** Rows of a transposed B copied together: 16 floats fill a 64-byte cache line. */
    static final int TRANSPOSE_BLOCK = 16;

    /**
     * Multiply-adds from which the Vector API kernel runs (when it runs at all): below, the
     * plain loops cost less than setting up tiles and a panel, and they give the same bits.
     */
    static final long VECTOR_WORK = 1L << 12;

    /** The system property that caps the threads sharing one product. */
    static final String THREADS_PROPERTY = "cnnhomework.tensor.threads";

    private MatMul() {
    }

    /**
     * A strided matrix operand: element {@code (r, c)} of matrix {@code q} is
     * {@code data[offsets[q] + r * rowStride + c * colStride]}.
     */
    record Operand(float[] data, int[] offsets, int rowStride, int colStride) {
    }

    /**
     * Writes {@code batches} products {@code A_q B_q} one after the other into {@code c}, each
     * {@code [n, m]} row-major.
     */
    static void multiply(Operand a, Operand b, float[] c, int batches, int n, int k, int m) {
        if (n == 0 || m == 0 || batches == 0) {
            return;
        }
        if (Kernels.VECTOR && m > 1 && n > 1 && (long) n * k * m >= VECTOR_WORK && !BOXING.tripped()) {
            long sample = BOXING.begin((long) batches * n * k * m);
            vectorMultiply(a, b, c, batches, n, k, m);
            BOXING.end(sample);
            return;
        }
        if (m > 1 && m < DOT_ROW && n < 4 * m && k >= DOT_DEPTH && a.colStride() == 1 && b.rowStride() == 1) {
            // Few, short rows and a long inner dimension ([16, 4096] @ [4096, 9], a one-channel
            // convolution's weight gradient): neither orientation has a row worth a vector loop,
            // and both operands run along p.
            for (int q = 0; q < batches; q++) {
                dots(a, b, q, c, q * n * m, n, k, m);
            }
        } else if (m > 1 && m < SHORT_ROW && n >= 4 * m) {
            // C's rows are too short for the vector loop ([4096, 9] @ [9, 16], the columns of a
            // one-channel convolution): compute its columns as the rows of C^T = B^T A^T.
            Operand bt = new Operand(b.data(), b.offsets(), b.colStride(), b.rowStride());
            Operand at = new Operand(a.data(), a.offsets(), a.colStride(), a.rowStride());
            split(bt, at, c, batches, m, k, n, n * m, 1, m);
        } else {
            split(a, b, c, batches, n, k, m, n * m, m, 1);
        }
    }

    /**
     * {@link #multiply} with the Vector API kernel. Its vectors run along the rows of C, read
     * from a panel of B whose rows are contiguous: B itself when it is laid out so, otherwise a
     * copy. When copying B^T (as the rows of C^T = B^T A^T) is cheaper than copying B, C is
     * computed as C^T: a convolution's weight gradient [32, 1024] @ [1024, 144] (B a transposed
     * view) copies the 32 × 1024 gradient rather than the 1024 × 144 columns.
     */
    private static void vectorMultiply(Operand a, Operand b, float[] c, int batches, int n, int k, int m) {
        long copyB = panelCopied(b, m) ? (long) k * m : 0;
        Operand at = new Operand(a.data(), a.offsets(), a.colStride(), a.rowStride());
        long copyAt = panelCopied(at, n) ? (long) k * n : 0;
        if (copyAt < copyB || copyAt == copyB && m < 2 * Kernels.LANES && n > m) {
            Operand bt = new Operand(b.data(), b.offsets(), b.colStride(), b.rowStride());
            vectorSplit(bt, at, c, batches, m, k, n, n * m, 1, m);
        } else {
            vectorSplit(a, b, c, batches, n, k, m, n * m, m, 1);
        }
    }

    /** Whether B (k rows of m) is read across its rows' storage: a transposed B, or ragged rows. */
    private static boolean panelCopied(Operand b, int m) {
        return b.colStride() != 1 || m % Kernels.LANES != 0;
    }

    /** {@link #split} for the Vector API kernel: whole matrices per thread, or groups of four rows. */
    private static void vectorSplit(Operand a, Operand b, float[] c, int batches, int n, int k, int m, int size,
                                    int rowStep, int colStep) {
        long work = (long) batches * n * k * m;
        int parts = work >= PARALLEL_WORK ? Math.min(threads(), Math.max(batches, n / 4)) : 1;
        if (parts <= 1 || batches >= parts) {
            ForkJoinTask<?>[] tasks = new ForkJoinTask<?>[Math.max(parts - 1, 0)];
            for (int t = 1; t < parts; t++) {
                int from = (int) ((long) batches * t / parts);
                int to = (int) ((long) batches * (t + 1) / parts);
                tasks[t - 1] = ForkJoinTask.adapt(() -> {
                    for (int q = from; q < to; q++) {
                        VectorMatMul.product(a, q, b, c, q * size, rowStep, colStep, k, m, 0, n);
                    }
                }).fork();
            }
            for (int q = 0; q < (parts <= 1 ? batches : batches / parts); q++) {
                VectorMatMul.product(a, q, b, c, q * size, rowStep, colStep, k, m, 0, n);
            }
            joinAll(tasks);
            return;
        }
        int groups = (n + 3) / 4;
        for (int q = 0; q < batches; q++) {
            ForkJoinTask<?>[] tasks = new ForkJoinTask<?>[parts - 1];
            int batch = q;
            for (int t = 1; t < parts; t++) {
                int from = Math.min(n, 4 * (int) ((long) groups * t / parts));
                int to = Math.min(n, 4 * (int) ((long) groups * (t + 1) / parts));
                tasks[t - 1] = ForkJoinTask.adapt(
                        () -> VectorMatMul.product(a, batch, b, c, batch * size, rowStep, colStep, k, m, from, to)).fork();
            }
            VectorMatMul.product(a, q, b, c, q * size, rowStep, colStep, k, m, 0, Math.min(n, 4 * (groups / parts)));
            joinAll(tasks);
        }
    }

    /**
     * Shares the products between threads: whole matrices when the batch has enough of them,
     * otherwise groups of four rows. Matrix {@code q}'s element {@code (i, j)} is written to
     * {@code c[q * size + i * rowStep + j * colStep]}.
     */
    private static void split(Operand a, Operand b, float[] c, int batches, int n, int k, int m, int size,
                              int rowStep, int colStep) {
        long work = (long) batches * n * k * m;
        int parts = work >= PARALLEL_WORK ? Math.min(threads(), Math.max(batches, n / 4)) : 1;
        if (parts <= 1) {
            for (int q = 0; q < batches; q++) {
                product(a, b, q, c, q * size, rowStep, colStep, k, m, 0, n, null);
            }
            return;
        }
        if (batches >= parts) {
            // Whole matrices per part, split as evenly as the count allows.
            ForkJoinTask<?>[] tasks = new ForkJoinTask<?>[parts - 1];
            for (int t = 1; t < parts; t++) {
                int from = (int) ((long) batches * t / parts);
                int to = (int) ((long) batches * (t + 1) / parts);
                tasks[t - 1] = ForkJoinTask.adapt(() -> {
                    for (int q = from; q < to; q++) {
                        product(a, b, q, c, q * size, rowStep, colStep, k, m, 0, n, null);
                    }
                }).fork();
            }
            int to = batches / parts;
            for (int q = 0; q < to; q++) {
                product(a, b, q, c, q * size, rowStep, colStep, k, m, 0, n, null);
            }
            joinAll(tasks);
            return;
        }
        // One matrix (or fewer than parts): split its rows in groups of four, sharing packed B.
        for (int q = 0; q < batches; q++) {
            float[][][] rowsOfB = m == 1 ? null : pack(b, q, k, m);
            int groups = (n + 3) / 4;
            ForkJoinTask<?>[] tasks = new ForkJoinTask<?>[parts - 1];
            int batch = q;
            for (int t = 1; t < parts; t++) {
                int from = Math.min(n, 4 * (int) ((long) groups * t / parts));
                int to = Math.min(n, 4 * (int) ((long) groups * (t + 1) / parts));
                tasks[t - 1] = ForkJoinTask.adapt(
                        () -> product(a, b, batch, c, batch * size, rowStep, colStep, k, m, from, to, rowsOfB)).fork();
            }
            product(a, b, q, c, q * size, rowStep, colStep, k, m, 0, Math.min(n, 4 * (groups / parts)), rowsOfB);
            joinAll(tasks);
        }
    }

    /**
     * How many threads may share a product: the system property {@value #THREADS_PROPERTY} if
     * set (1 keeps every product on the calling thread; results are the same either way),
     * otherwise the processors, at most 4, when the common pool has a worker.
     */
    private static int threads() {
        int processors = Runtime.getRuntime().availableProcessors();
        int wanted = Integer.getInteger(THREADS_PROPERTY, Math.min(processors, 4));
        return ForkJoinPool.getCommonPoolParallelism() >= 1 ? Math.max(1, wanted) : 1;
    }

    /**
     * Waits for every task; a task not yet started is run by the calling thread (that is what
     * {@link ForkJoinTask#join} does from outside the pool), so a busy pool never stalls it.
     */
    private static void joinAll(ForkJoinTask<?>[] tasks) {
        for (ForkJoinTask<?> task : tasks) {
            task.join();
        }
    }

    /**
     * Rows {@code from..to} of matrix {@code q}'s product, element {@code (i, j)} into
     * {@code c[co + i * rowStep + j * colStep]}; B packed unless given.
     */
    private static void product(Operand a, Operand b, int q, float[] c, int co, int rowStep, int colStep, int k,
                                int m, int from, int to, float[][][] packedB) {
        if (m == 1) {
            matrixVector(a, q, b, q, c, co, rowStep, from, to, k);
            return;
        }
        float[][][] chunks = packedB != null ? packedB : pack(b, q, k, m);
        for (int chunk = 0; chunk < chunks.length; chunk++) {
            int j0 = chunk * CHUNK;
            rows(a, q, chunks[chunk], c, co + j0 * colStep, rowStep, colStep, k, Math.min(CHUNK, m - j0), from, to);
        }
    }

    /**
     * Columns {@code 0..w} of rows {@code from..to} of a product whose B columns are the rows of
     * {@code rowsOfB}, element {@code (i, j)} into {@code c[co + i * rowStep + j * colStep]}.
     */
    private static void rows(Operand a, int q, float[][] rowsOfB, float[] c, int co, int rowStep, int colStep,
                             int k, int w, int from, int to) {
        float[] d = a.data();
        int ao = a.offsets()[q];
        int rs = a.rowStride();
        int cs = a.colStride();
        // Allocated here, not passed in: the JIT then knows they alias neither each other nor
        // the rows of B, which it needs before it vectorises a loop that reads two rows of B.
        // Every array of the loop is indexed by the same j, which it needs as well.
        float[] c0 = new float[w];
        float[] c1 = new float[w];
        float[] c2 = new float[w];
        float[] c3 = new float[w];
        int i = from;
        for (; i + 4 <= to; i += 4) {
            Arrays.fill(c0, 0f);
            Arrays.fill(c1, 0f);
            Arrays.fill(c2, 0f);
            Arrays.fill(c3, 0f);
            int ai = ao + i * rs;
            int p = 0;
            // Two values of p per pass: fma(y, d, fma(x, b, c)) is the order of the plain loop,
            // with each accumulator loaded and stored half as often.
            for (; p + 2 <= k; p += 2) {
                int at = ai + p * cs;
                float x0 = d[at];
                float x1 = d[at + rs];
                float x2 = d[at + 2 * rs];
                float x3 = d[at + 3 * rs];
                float y0 = d[at + cs];
                float y1 = d[at + rs + cs];
                float y2 = d[at + 2 * rs + cs];
                float y3 = d[at + 3 * rs + cs];
                float[] r = rowsOfB[p];
                float[] t = rowsOfB[p + 1];
                for (int j = 0; j < w; j++) {
                    float bj = r[j];
                    float tj = t[j];
                    c0[j] = Math.fma(y0, tj, Math.fma(x0, bj, c0[j]));
                    c1[j] = Math.fma(y1, tj, Math.fma(x1, bj, c1[j]));
                    c2[j] = Math.fma(y2, tj, Math.fma(x2, bj, c2[j]));
                    c3[j] = Math.fma(y3, tj, Math.fma(x3, bj, c3[j]));
                }
            }
            if (p < k) {
                int at = ai + p * cs;
                float x0 = d[at];
                float x1 = d[at + rs];
                float x2 = d[at + 2 * rs];
                float x3 = d[at + 3 * rs];
                float[] r = rowsOfB[p];
                for (int j = 0; j < w; j++) {
                    float bj = r[j];
                    c0[j] = Math.fma(x0, bj, c0[j]);
                    c1[j] = Math.fma(x1, bj, c1[j]);
                    c2[j] = Math.fma(x2, bj, c2[j]);
                    c3[j] = Math.fma(x3, bj, c3[j]);
                }
            }
            store(c0, c, co + i * rowStep, colStep);
            store(c1, c, co + (i + 1) * rowStep, colStep);
            store(c2, c, co + (i + 2) * rowStep, colStep);
            store(c3, c, co + (i + 3) * rowStep, colStep);
        }
        for (; i < to; i++) {
            Arrays.fill(c0, 0f);
            int ai = ao + i * rs;
            for (int p = 0; p < k; p++) {
                float x = d[ai + p * cs];
                float[] r = rowsOfB[p];
                for (int j = 0; j < w; j++) {
                    c0[j] = Math.fma(x, r[j], c0[j]);
                }
            }
            store(c0, c, co + i * rowStep, colStep);
        }
    }

    /** One computed row into C, whose columns are {@code colStep} apart. */
    private static void store(float[] row, float[] c, int at, int colStep) {
        if (colStep == 1) {
            System.arraycopy(row, 0, c, at, row.length);
        } else {
            for (int j = 0; j < row.length; j++) {
                c[at + j * colStep] = row[j];
            }
        }
    }

    /**
     * Copies B into chunks of {@link #CHUNK} columns, each row of a chunk in its own array, so
     * that the inner loops index both operands from 0. A transposed B is read in blocks of
     * {@link #TRANSPOSE_BLOCK} rows, so that every cache line read from it serves several rows.
     */
    private static float[][][] pack(Operand b, int q, int k, int m) {
        float[] d = b.data();
        int bo = b.offsets()[q];
        int rs = b.rowStride();
        int cs = b.colStride();
        float[][][] chunks = new float[(m + CHUNK - 1) / CHUNK][k][];
        for (int chunk = 0; chunk < chunks.length; chunk++) {
            int j0 = chunk * CHUNK;
            int w = Math.min(CHUNK, m - j0);
            float[][] rows = chunks[chunk];
            for (int p = 0; p < k; p++) {
                rows[p] = new float[w];
            }
            if (cs == 1) {
                for (int p = 0; p < k; p++) {
                    System.arraycopy(d, bo + p * rs + j0, rows[p], 0, w);
                }
                continue;
            }
            for (int p0 = 0; p0 < k; p0 += TRANSPOSE_BLOCK) {
                int p1 = Math.min(k, p0 + TRANSPOSE_BLOCK);
                for (int j = 0; j < w; j++) {
                    int from = bo + (j0 + j) * cs;
                    for (int p = p0; p < p1; p++) {
                        rows[p][j] = d[from + p * rs];
                    }
                }
            }
        }
        return chunks;
    }

    /**
     * Matrix {@code q}'s product as dot products of A's rows with B's columns, both contiguous,
     * into {@code c[co + i * m + j]}: two rows by four columns of C at a time, eight sums in
     * registers, each summed over p in order from 0 as the plain loop sums it.
     */
    private static void dots(Operand a, Operand b, int q, float[] c, int co, int n, int k, int m) {
        float[] ad = a.data();
        float[] bd = b.data();
        int ao = a.offsets()[q];
        int bo = b.offsets()[q];
        int rs = a.rowStride();
        int cs = b.colStride();
        int i = 0;
        for (; i + 2 <= n; i += 2) {
            int a0 = ao + i * rs;
            int a1 = a0 + rs;
            int j = 0;
            for (; j + 4 <= m; j += 4) {
                int b0 = bo + j * cs;
                int b1 = b0 + cs;
                int b2 = b1 + cs;
                int b3 = b2 + cs;
                float s00 = 0f;
                float s01 = 0f;
                float s02 = 0f;
                float s03 = 0f;
                float s10 = 0f;
                float s11 = 0f;
                float s12 = 0f;
                float s13 = 0f;
                for (int p = 0; p < k; p++) {
                    float x0 = ad[a0 + p];
                    float x1 = ad[a1 + p];
                    float y0 = bd[b0 + p];
                    float y1 = bd[b1 + p];
                    float y2 = bd[b2 + p];
                    float y3 = bd[b3 + p];
                    s00 = Math.fma(x0, y0, s00);
                    s01 = Math.fma(x0, y1, s01);
                    s02 = Math.fma(x0, y2, s02);
                    s03 = Math.fma(x0, y3, s03);
                    s10 = Math.fma(x1, y0, s10);
                    s11 = Math.fma(x1, y1, s11);
                    s12 = Math.fma(x1, y2, s12);
                    s13 = Math.fma(x1, y3, s13);
                }
                int at = co + i * m + j;
                c[at] = s00;
                c[at + 1] = s01;
                c[at + 2] = s02;
                c[at + 3] = s03;
                c[at + m] = s10;
                c[at + m + 1] = s11;
                c[at + m + 2] = s12;
                c[at + m + 3] = s13;
            }
            for (; j < m; j++) {
                int b0 = bo + j * cs;
                float s0 = 0f;
                float s1 = 0f;
                for (int p = 0; p < k; p++) {
                    float y = bd[b0 + p];
                    s0 = Math.fma(ad[a0 + p], y, s0);
                    s1 = Math.fma(ad[a1 + p], y, s1);
                }
                c[co + i * m + j] = s0;
                c[co + (i + 1) * m + j] = s1;
            }
        }
        for (; i < n; i++) {
            int a0 = ao + i * rs;
            for (int j = 0; j < m; j++) {
                int b0 = bo + j * cs;
                float s = 0f;
                for (int p = 0; p < k; p++) {
                    s = Math.fma(ad[a0 + p], bd[b0 + p], s);
                }
                c[co + i * m + j] = s;
            }
        }
    }

    /** {@code m == 1}: each element of C is one dot product, summed in the same order. */
    private static void matrixVector(Operand a, int qa, Operand b, int qb, float[] c, int co, int rowStep,
                                     int from, int to, int k) {
        float[] ad = a.data();
        float[] bd = b.data();
        int ao = a.offsets()[qa];
        int bo = b.offsets()[qb];
        int rs = a.rowStride();
        int cs = a.colStride();
        int bs = b.rowStride();
        for (int i = from; i < to; i++) {
            float sum = 0f;
            int ai = ao + i * rs;
            for (int p = 0; p < k; p++) {
                sum = Math.fma(ad[ai + p * cs], bd[bo + p * bs], sum);
            }
            c[co + i * rowStep] = sum;
        }
    }
}
