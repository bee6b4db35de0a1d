package io.cnnhomework.tensor;

/**
 * Walks up to three strided views of one iteration shape in row-major order, handing out
 * <em>runs</em>: stretches along the innermost dimension that a kernel processes with plain index
 * arithmetic. Adjacent dimensions that are laid out one after the other in every operand are
 * merged first, so contiguous operands become a single run and the per-run overhead (one virtual
 * call) vanishes next to the loop itself.
 */
final class Strided {

    private Strided() {
    }

    /** Receives one run: {@code n} elements starting at the given offsets with the given strides. */
    @FunctionalInterface
    interface RunVisitor {
        void visit(int ia, int sa, int ib, int sb, int io, int so, int n);
    }

    /**
     * Visits every position of {@code shape}; operand {@code k} is found at
     * {@code offset_k + sum(index[d] * strides_k[d])}.
     */
    static void forEachRun(int[] shape,
                           int[] stridesA, int offsetA,
                           int[] stridesB, int offsetB,
                           int[] stridesOut, int offsetOut,
                           RunVisitor visitor) {
        int rank = shape.length;
        int[] size = new int[rank];
        int[] a = new int[rank];
        int[] b = new int[rank];
        int[] o = new int[rank];
        int r = 0;
        for (int d = 0; d < rank; d++) {
            if (shape[d] == 0) {
                return;
            }
            if (shape[d] == 1) {
                continue;
            }
            if (r > 0
                    && a[r - 1] == stridesA[d] * shape[d]
                    && b[r - 1] == stridesB[d] * shape[d]
                    && o[r - 1] == stridesOut[d] * shape[d]) {
                size[r - 1] *= shape[d];
                a[r - 1] = stridesA[d];
                b[r - 1] = stridesB[d];
                o[r - 1] = stridesOut[d];
            } else {
                size[r] = shape[d];
                a[r] = stridesA[d];
                b[r] = stridesB[d];
                o[r] = stridesOut[d];
                r++;
            }
        }
        if (r == 0) {
            visitor.visit(offsetA, 0, offsetB, 0, offsetOut, 0, 1);
            return;
        }
        int inner = r - 1;
        int[] counter = new int[r];
        int ia = offsetA;
        int ib = offsetB;
        int io = offsetOut;
        while (true) {
            visitor.visit(ia, a[inner], ib, b[inner], io, o[inner], size[inner]);
            int d = inner - 1;
            for (; d >= 0; d--) {
                ia += a[d];
                ib += b[d];
                io += o[d];
                if (++counter[d] < size[d]) {
                    break;
                }
                ia -= a[d] * size[d];
                ib -= b[d] * size[d];
                io -= o[d] * size[d];
                counter[d] = 0;
            }
            if (d < 0) {
                return;
            }
        }
    }

    /**
     * Element-wise kernels in float32, one loop per operation so that the JIT sees a single,
     * monomorphic loop body. Comparisons produce 1 or 0.
     */
    enum BinaryOp {
        ADD("add") {
            @Override
            void run(float[] a, int ia, int sa, float[] b, int ib, int sb, float[] out, int io, int so, int n) {
                for (int i = 0; i < n; i++) {
                    out[io + i * so] = a[ia + i * sa] + b[ib + i * sb];
                }
            }
        },
        SUB("sub") {
            @Override
            void run(float[] a, int ia, int sa, float[] b, int ib, int sb, float[] out, int io, int so, int n) {
                for (int i = 0; i < n; i++) {
                    out[io + i * so] = a[ia + i * sa] - b[ib + i * sb];
                }
            }
        },
        MUL("mul") {
            @Override
            void run(float[] a, int ia, int sa, float[] b, int ib, int sb, float[] out, int io, int so, int n) {
                for (int i = 0; i < n; i++) {
                    out[io + i * so] = a[ia + i * sa] * b[ib + i * sb];
                }
            }
        },
        DIV("div") {
            @Override
            void run(float[] a, int ia, int sa, float[] b, int ib, int sb, float[] out, int io, int so, int n) {
                for (int i = 0; i < n; i++) {
                    out[io + i * so] = a[ia + i * sa] / b[ib + i * sb];
                }
            }
        },
        MAXIMUM("maximum") {
            @Override
            void run(float[] a, int ia, int sa, float[] b, int ib, int sb, float[] out, int io, int so, int n) {
                for (int i = 0; i < n; i++) {
                    out[io + i * so] = Math.max(a[ia + i * sa], b[ib + i * sb]);
                }
            }
        },
        MINIMUM("minimum") {
            @Override
            void run(float[] a, int ia, int sa, float[] b, int ib, int sb, float[] out, int io, int so, int n) {
                for (int i = 0; i < n; i++) {
                    out[io + i * so] = Math.min(a[ia + i * sa], b[ib + i * sb]);
                }
            }
        },
        GT("gt") {
            @Override
            void run(float[] a, int ia, int sa, float[] b, int ib, int sb, float[] out, int io, int so, int n) {
                for (int i = 0; i < n; i++) {
                    out[io + i * so] = a[ia + i * sa] > b[ib + i * sb] ? 1f : 0f;
                }
            }
        },
        GE("ge") {
            @Override
            void run(float[] a, int ia, int sa, float[] b, int ib, int sb, float[] out, int io, int so, int n) {
                for (int i = 0; i < n; i++) {
                    out[io + i * so] = a[ia + i * sa] >= b[ib + i * sb] ? 1f : 0f;
                }
            }
        },
        LT("lt") {
            @Override
            void run(float[] a, int ia, int sa, float[] b, int ib, int sb, float[] out, int io, int so, int n) {
                for (int i = 0; i < n; i++) {
                    out[io + i * so] = a[ia + i * sa] < b[ib + i * sb] ? 1f : 0f;
                }
            }
        },
        LE("le") {
            @Override
            void run(float[] a, int ia, int sa, float[] b, int ib, int sb, float[] out, int io, int so, int n) {
                for (int i = 0; i < n; i++) {
                    out[io + i * so] = a[ia + i * sa] <= b[ib + i * sb] ? 1f : 0f;
                }
            }
        },
        EQ("eq") {
            @Override
            void run(float[] a, int ia, int sa, float[] b, int ib, int sb, float[] out, int io, int so, int n) {
                for (int i = 0; i < n; i++) {
                    out[io + i * so] = a[ia + i * sa] == b[ib + i * sb] ? 1f : 0f;
                }
            }
        },
        /** Ignores {@code a}: {@code out = b}. Used for copies and assignments. */
        ASSIGN("copyFrom") {
            @Override
            void run(float[] a, int ia, int sa, float[] b, int ib, int sb, float[] out, int io, int so, int n) {
                if (so == 1 && sb == 1) {
                    System.arraycopy(b, ib, out, io, n);
                    return;
                }
                for (int i = 0; i < n; i++) {
                    out[io + i * so] = b[ib + i * sb];
                }
            }
        };

        private final String opName;

        BinaryOp(String opName) {
            this.opName = opName;
        }

        /** The name used in messages, matching the public method. */
        String opName() {
            return opName;
        }

        /** {@code out[io + i*so] = a[ia + i*sa] (op) b[ib + i*sb]} for {@code i < n}. */
        abstract void run(float[] a, int ia, int sa, float[] b, int ib, int sb, float[] out, int io, int so, int n);
    }
}
