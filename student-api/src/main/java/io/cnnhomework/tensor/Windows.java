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
        int image = h * w;
        for (int b = 0; b < batches; b++) {
            for (int c = 0; c < channels; c++) {
                int plane = (b * channels + c) * image;
                for (int ki = 0; ki < g.kh(); ki++) {
                    for (int kj = 0; kj < g.kw(); kj++) {
                        int r = (c * g.kh() + ki) * g.kw() + kj;
                        int row = offset + b * sb + r * sr;
                        int y0 = ki * g.dilH() - g.padH();
                        int x0 = kj * g.dilW() - g.padW();
                        // The windows j whose column x0 + j·strideW lies inside 0..w-1.
                        int jFrom = x0 >= 0 ? 0 : ceilDiv(-x0, g.strideW());
                        int jTo = x0 > w - 1 ? 0 : Math.min(g.blocksW(), (w - 1 - x0) / g.strideW() + 1);
                        for (int i = 0; i < g.blocksH(); i++) {
                            int y = y0 + i * g.strideH();
                            if (y < 0 || y >= h) {
                                continue;
                            }
                            int from = row + i * g.blocksW() * sl;
                            int to = plane + y * w + x0;
                            if (g.strideW() == 1 && sl == 1) {
                                for (int j = jFrom; j < jTo; j++) {
                                    out[to + j] += cols[from + j];
                                }
                            } else {
                                for (int j = jFrom; j < jTo; j++) {
                                    out[to + j * g.strideW()] += cols[from + j * sl];
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
