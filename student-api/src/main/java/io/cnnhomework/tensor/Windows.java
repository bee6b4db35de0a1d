package io.cnnhomework.tensor;

/**
 * Sliding-window kernels over images: {@link Tensor#fold}'s col2im, reading its columns through
 * their strides (a permuted view of a convolution's column gradients is not copied first).
 */
final class Windows {

    private Windows() {
    }

    /**
     * The windows of an image: {@code kh × kw} elements {@code dilH}/{@code dilW} apart, their
     * top-left corners {@code strideH}/{@code strideW} apart starting at {@code -padH, -padW};
     * {@code blocksH × blocksW} of them.
     */
    record Geometry(int kh, int kw, int dilH, int dilW, int padH, int padW, int strideH, int strideW,
                    int blocksH, int blocksW) {
    }

    /**
     * {@code out[b, c, y, x] += cols[b, (c·kh + ki)·kw + kj, i·blocksW + j]} where
     * {@code y = i·strideH − padH + ki·dilH} and {@code x = j·strideW − padW + kj·dilW} fall
     * inside the {@code h × w} image; element {@code (b, r, l)} of the columns is
     * {@code cols[offset + b·sb + r·sr + l·sl]}. Every output element receives its terms in
     * order of {@code r}, as PyTorch's col2im adds them.
     */
    static void fold(float[] cols, int offset, int sb, int sr, int sl, float[] out, int batches, int channels,
                     int h, int w, Geometry g) {
        int kh = g.kh();
        int kw = g.kw();
        int blocksH = g.blocksH();
        int blocksW = g.blocksW();
        int strideH = g.strideH();
        int strideW = g.strideW();
        int image = h * w;
        for (int b = 0; b < batches; b++) {
            for (int c = 0; c < channels; c++) {
                int plane = (b * channels + c) * image;
                for (int ki = 0; ki < kh; ki++) {
                    int y0 = ki * g.dilH() - g.padH();
                    // The windows i whose row y0 + i·strideH lies inside 0..h-1.
                    int iFrom = y0 >= 0 ? 0 : ceilDiv(-y0, strideH);
                    int iTo = y0 > h - 1 ? 0 : Math.min(blocksH, (h - 1 - y0) / strideH + 1);
                    for (int kj = 0; kj < kw; kj++) {
                        int row = offset + b * sb + ((c * kh + ki) * kw + kj) * sr;
                        int x0 = kj * g.dilW() - g.padW();
                        int jFrom = x0 >= 0 ? 0 : ceilDiv(-x0, strideW);
                        int jTo = x0 > w - 1 ? 0 : Math.min(blocksW, (w - 1 - x0) / strideW + 1);
                        for (int i = iFrom; i < iTo; i++) {
                            int from = row + i * blocksW * sl;
                            int to = plane + (y0 + i * strideH) * w + x0;
                            if (strideW == 1 && sl == 1) {
                                addShort(cols, from + jFrom, out, to + jFrom, jTo - jFrom);
                            } else {
                                for (int j = jFrom; j < jTo; j++) {
                                    out[to + j * strideW] += cols[from + j * sl];
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /** {@code out[to + j] += cols[from + j]} for {@code j < n}, short widths written out (see Strided.copyShort). */
    private static void addShort(float[] cols, int from, float[] out, int to, int n) {
        switch (n) {
            case 2 -> {
                out[to] += cols[from];
                out[to + 1] += cols[from + 1];
            }
            case 3 -> {
                out[to] += cols[from];
                out[to + 1] += cols[from + 1];
                out[to + 2] += cols[from + 2];
            }
            case 4 -> {
                out[to] += cols[from];
                out[to + 1] += cols[from + 1];
                out[to + 2] += cols[from + 2];
                out[to + 3] += cols[from + 3];
            }
            default -> {
                for (int j = 0; j < n; j++) {
                    out[to + j] += cols[from + j];
                }
            }
        }
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
