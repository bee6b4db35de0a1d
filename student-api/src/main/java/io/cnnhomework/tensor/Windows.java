package io.cnnhomework.tensor;

/**
 * Sliding-window kernels over images: {@link Tensor#fold}'s col2im, reading its columns through
 * their strides (a permuted view of a convolution's column gradients is not copied first).
 */
final class Windows {

    /**
     * Most floats in one channel's images of a batch for which {@link #fold} adds a window offset
     * to all of them at once: 16 KB, within the level-1 cache while the offsets pass over them.
     */
    static final int SWEEP = 4096;

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
        // "Same" windows over images of a few vectors: the Vector API kernel, unless a shifted
        // load would leave the array.
        if (Kernels.VECTOR && VectorWindows.folds(h, w, g, sl)
                && VectorWindows.fold(cols, offset, sb, sr, out, batches, channels, h, w, g)) {
            return;
        }
        int kh = g.kh();
        int kw = g.kw();
        int blocksH = g.blocksH();
        int blocksW = g.blocksW();
        int strideH = g.strideH();
        int strideW = g.strideW();
        int image = h * w;
        int channelRows = kh * kw * sr;
        // The bounds of every window offset (ki, kj), the same for every image and channel,
        // worked out once: where window (iFrom, jFrom) of image 0, channel 0 reads and writes,
        // and how many rows and columns of windows fall inside the image.
        int offsets = 0;
        int[] from = new int[kh * kw];
        int[] to = new int[kh * kw];
        int[] rows = new int[kh * kw];
        int[] widths = new int[kh * kw];
        for (int ki = 0; ki < kh; ki++) {
            int y0 = ki * g.dilH() - g.padH();
            // The windows i whose row y0 + i·strideH lies inside 0..h-1.
            int iFrom = y0 >= 0 ? 0 : ceilDiv(-y0, strideH);
            int iTo = y0 > h - 1 ? 0 : Math.min(blocksH, (h - 1 - y0) / strideH + 1);
            for (int kj = 0; kj < kw; kj++) {
                int x0 = kj * g.dilW() - g.padW();
                int jFrom = x0 >= 0 ? 0 : ceilDiv(-x0, strideW);
                int jTo = x0 > w - 1 ? 0 : Math.min(blocksW, (w - 1 - x0) / strideW + 1);
                if (iFrom >= iTo || jFrom >= jTo) {
                    continue;
                }
                from[offsets] = offset + (ki * kw + kj) * sr + (iFrom * blocksW + jFrom) * sl;
                to[offsets] = (y0 + iFrom * strideH) * w + x0 + jFrom * strideW;
                rows[offsets] = iTo - iFrom;
                widths[offsets] = jTo - jFrom;
                offsets++;
            }
        }
        // One image plane at a time, every window offset in order of (ki, kj) into it: each pixel
        // still receives its terms in that order, and the plane stays in the level-1 cache while
        // they arrive (offsets outermost swept the whole output once per offset).
        boolean rowsContiguous = strideW == 1 && sl == 1;
        if (rowsContiguous && batches * image <= SWEEP) {
            // Small images (a batch of 8 x 8 or 4 x 4 planes): every image of a channel per
            // window offset, one call each, the images' pixels still receiving their terms in
            // the order of (ki, kj), and all of them within the level-1 cache.
            for (int c = 0; c < channels; c++) {
                for (int o = 0; o < offsets; o++) {
                    addRows(cols, from[o] + c * channelRows, sb, blocksW, out, to[o] + c * image, channels * image, strideH * w,
                            batches, rows[o], widths[o]);
                }
            }
            return;
        }
        for (int b = 0; b < batches; b++) {
            for (int c = 0; c < channels; c++) {
                int fc = b * sb + c * channelRows;
                int tc = (b * channels + c) * image;
                for (int o = 0; o < offsets; o++) {
                    if (rowsContiguous) {
                        addRows(cols, from[o] + fc, 0, blocksW, out, to[o] + tc, 0, strideH * w, 1, rows[o], widths[o]);
                    } else {
                        int f0 = from[o] + fc;
                        int t0 = to[o] + tc;
                        for (int i = 0; i < rows[o]; i++) {
                            for (int j = 0; j < widths[o]; j++) {
                                out[t0 + i * strideH * w + j * strideW] += cols[f0 + (i * blocksW + j) * sl];
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * {@code out[to + b·ob + i·oi + j] += cols[from + b·sb + i·si + j]} for {@code b < count},
     * {@code i < rows}, {@code j < n}, contiguous along {@code j} on both sides; widths 3, 4, 7
     * and 8 written out (a counted loop that short costs more to set up than to run: without
     * width 7, the edge offsets of conv1's 8 x 8 images, its {@code fold} took 20.5 µs instead of 13.4),
     * the choice made once per call.
     */
    private static void addRows(float[] cols, int from, int sb, int si, float[] out, int to, int ob, int oi, int count,
                                int rows, int n) {
        switch (n) {
            case 8 -> {
                for (int b = 0; b < count; b++) {
                    for (int i = 0; i < rows; i++) {
                        int f = from + b * sb + i * si;
                        int t = to + b * ob + i * oi;
                        out[t] += cols[f];
                        out[t + 1] += cols[f + 1];
                        out[t + 2] += cols[f + 2];
                        out[t + 3] += cols[f + 3];
                        out[t + 4] += cols[f + 4];
                        out[t + 5] += cols[f + 5];
                        out[t + 6] += cols[f + 6];
                        out[t + 7] += cols[f + 7];
                    }
                }
            }
            case 7 -> {
                for (int b = 0; b < count; b++) {
                    for (int i = 0; i < rows; i++) {
                        int f = from + b * sb + i * si;
                        int t = to + b * ob + i * oi;
                        out[t] += cols[f];
                        out[t + 1] += cols[f + 1];
                        out[t + 2] += cols[f + 2];
                        out[t + 3] += cols[f + 3];
                        out[t + 4] += cols[f + 4];
                        out[t + 5] += cols[f + 5];
                        out[t + 6] += cols[f + 6];
                    }
                }
            }
            case 4 -> {
                for (int b = 0; b < count; b++) {
                    for (int i = 0; i < rows; i++) {
                        int f = from + b * sb + i * si;
                        int t = to + b * ob + i * oi;
                        out[t] += cols[f];
                        out[t + 1] += cols[f + 1];
                        out[t + 2] += cols[f + 2];
                        out[t + 3] += cols[f + 3];
                    }
                }
            }
            case 3 -> {
                for (int b = 0; b < count; b++) {
                    for (int i = 0; i < rows; i++) {
                        int f = from + b * sb + i * si;
                        int t = to + b * ob + i * oi;
                        out[t] += cols[f];
                        out[t + 1] += cols[f + 1];
                        out[t + 2] += cols[f + 2];
                    }
                }
            }
            default -> {
                for (int b = 0; b < count; b++) {
                    for (int i = 0; i < rows; i++) {
                        int f = from + b * sb + i * si;
                        int t = to + b * ob + i * oi;
                        for (int j = 0; j < n; j++) {
                            out[t + j] += cols[f + j];
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
