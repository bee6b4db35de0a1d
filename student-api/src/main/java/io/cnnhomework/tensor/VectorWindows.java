package io.cnnhomework.tensor;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Windows of small images with the Vector API: im2col's copies of windows into contiguous
 * blocks ({@link #copyWindows}), and {@link Windows#fold} for "same" windows (stride 1, as many windows as
 * pixels, a convolution that keeps the image size) over images of one to four vectors (4 x 4
 * and 8 x 8 with AVX-512, the digits network's): window column {@code l} then covers pixel
 * {@code l + d} for each offset's shift {@code d}, so an offset's terms for a vector of pixels
 * are one load of its columns, shifted by {@code d}, and a mask of the pixels its windows cover
 * (the lanes outside it, read from neighbouring columns, are dropped). Each pixel receives its
 * terms in order of the offsets, added in floats to what it held, as the plain loops add them:
 * the same bits.
 *
 * <p>A window's rows of 4 or 8 pixels, a padded image's row apart, make a vector of the block
 * from as many loads, each shifted back by the lanes before its row so that its row lands in
 * its own lanes, and a blend of each into the block: no load reaches past the window's first
 * or last pixel. Copied row by row, each row was a call of {@code arraycopy}.
 */
final class VectorWindows {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    /** Floats per vector. */
    private static final int LANES = SPECIES.length();

    /** The most vectors per image: 8 x 8 images with AVX-512. */
    private static final int MOST_VECTORS = 4;

    /** Lanes 4-7, 8-11, 12-15: where a 4 x 4 window's second, third and fourth rows go. */
    private static final VectorMask<Float> ROW_1_OF_4 = VectorMask.fromLong(SPECIES, 0x00F0);
    private static final VectorMask<Float> ROW_2_OF_4 = VectorMask.fromLong(SPECIES, 0x0F00);
    private static final VectorMask<Float> ROW_3_OF_4 = VectorMask.fromLong(SPECIES, 0xF000);

    /** Lanes 8-15: where the second of two rows of 8 goes. */
    private static final VectorMask<Float> ROW_1_OF_8 = VectorMask.fromLong(SPECIES, 0xFF00);

    private VectorWindows() {
    }

    /**
     * The offsets of windows over an image: {@code rows[o]}, the row {@code ki·kw + kj} of the
     * columns of offset {@code o}; {@code shifts[o]}, where its window column {@code l} lands
     * ({@code l − shift}); {@code covered[o·vectors + v]}, the pixels of vector {@code v} it
     * covers. Offsets that cover no pixel are left out.
     */
    record Offsets(int vectors, int[] rows, int[] shifts, VectorMask<Float>[] covered) {

        /**
         * The offsets made so far, by image size and geometry: a network folds the same few
         * (one per convolution) every step. Cleared, should some code fold a great many.
         */
        private static final Map<List<Object>, Offsets> MADE = new ConcurrentHashMap<>();

        private static final int MOST_KEPT = 64;

        static Offsets of(int h, int w, Windows.Geometry g) {
            List<Object> key = List.of(h, w, g);
            Offsets known = MADE.get(key);
            if (known != null) {
                return known;
            }
            if (MADE.size() >= MOST_KEPT) {
                MADE.clear();
            }
            Offsets made = make(h, w, g);
            MADE.put(key, made);
            return made;
        }

        @SuppressWarnings("unchecked")
        private static Offsets make(int h, int w, Windows.Geometry g) {
            int vectors = h * w / LANES;
            int[] rows = new int[g.kh() * g.kw()];
            int[] shifts = new int[rows.length];
            VectorMask<Float>[] covered = new VectorMask[rows.length * vectors];
            int count = 0;
            for (int ki = 0; ki < g.kh(); ki++) {
                int y0 = ki * g.dilH() - g.padH();
                for (int kj = 0; kj < g.kw(); kj++) {
                    int x0 = kj * g.dilW() - g.padW();
                    boolean[] cover = new boolean[h * w];
                    boolean any = false;
                    for (int t = 0; t < h * w; t++) {
                        int i = t / w - y0;
                        int j = t % w - x0;
                        cover[t] = i >= 0 && i < h && j >= 0 && j < w;
                        any |= cover[t];
                    }
                    if (!any) {
                        continue;
                    }
                    rows[count] = ki * g.kw() + kj;
                    shifts[count] = y0 * w + x0;
                    for (int v = 0; v < vectors; v++) {
                        covered[count * vectors + v] = VectorMask.fromArray(SPECIES, cover, v * LANES);
                    }
                    count++;
                }
            }
            return new Offsets(vectors, Arrays.copyOf(rows, count), Arrays.copyOf(shifts, count),
                    Arrays.copyOf(covered, count * vectors));
        }
    }

    /**
     * Whether {@link #fold} takes an {@code h × w} image with windows {@code g}, the columns
     * contiguous along {@code l} ({@code sl == 1}): "same" windows, stride 1, over one to
     * {@value #MOST_VECTORS} vectors of pixels.
     */
    static boolean folds(int h, int w, Windows.Geometry g, int sl) {
        return sl == 1 && g.strideH() == 1 && g.strideW() == 1 && g.blocksH() == h && g.blocksW() == w
                && h * w % LANES == 0 && h * w > 0 && h * w <= MOST_VECTORS * LANES;
    }

    /**
     * {@link Windows#fold} for the images {@link #folds} takes; false, having done nothing, when
     * a shifted load would leave the columns' array (the columns at its very start or end).
     */
    static boolean fold(float[] cols, int offset, int sb, int sr, float[] out, int batches, int channels, int h, int w,
                        Windows.Geometry g) {
        Offsets offsets = Offsets.of(h, w, g);
        int[] rows = offsets.rows();
        int[] shifts = offsets.shifts();
        VectorMask<Float>[] covered = offsets.covered();
        int count = rows.length;
        int vectors = offsets.vectors();
        int image = h * w;
        int perChannel = g.kh() * g.kw() * sr;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (int o = 0; o < count; o++) {
            first = Math.min(first, (long) rows[o] * sr - shifts[o]);
            last = Math.max(last, (long) rows[o] * sr - shifts[o]);
        }
        if (count == 0 || sb < 0 || sr < 0 || offset + first < 0
                || offset + last + (long) (batches - 1) * sb + (long) (channels - 1) * perChannel + image > cols.length) {
            return false;
        }
        for (int c = 0; c < channels; c++) {
            for (int b = 0; b < batches; b++) {
                int from = offset + c * perChannel + b * sb;
                int to = (b * channels + c) * image;
                for (int v = 0; v < vectors; v++) {
                    int at = to + v * LANES;
                    FloatVector pixels = FloatVector.fromArray(SPECIES, out, at);
                    for (int o = 0; o < count; o++) {
                        FloatVector terms = FloatVector.fromArray(SPECIES, cols, from + rows[o] * sr - shifts[o] + v * LANES);
                        pixels = pixels.blend(pixels.add(terms), covered[o * vectors + v]);
                    }
                    pixels.intoArray(out, at);
                }
            }
        }
        return true;
    }

    /**
     * Whether {@link #copyWindows} copies blocks of {@code rows} rows of {@code n} floats,
     * {@code sr} apart in the source, into contiguous blocks ({@code dr == n}): 4 x 4 windows,
     * or 8 wide and an even number of rows, with 16 floats per vector.
     */
    static boolean copiesWindows(int n, int rows, int sr, int dr) {
        return LANES == 16 && dr == n && (n == 4 && rows == 4 && sr >= 4 || n == 8 && rows % 2 == 0 && sr >= 8);
    }

    /**
     * {@code planes} blocks of {@code rows × n} floats, rows {@code sr} apart from
     * {@code is + p * sp}, copied contiguously into {@code dst} from {@code id + p * dp}, for
     * the blocks {@link #copiesWindows} takes.
     */
    static void copyWindows(float[] src, int is, int sp, int sr, float[] dst, int id, int dp, int planes, int rows, int n) {
        if (n == 4) {
            for (int p = 0; p < planes; p++) {
                int from = is + p * sp;
                FloatVector.fromArray(SPECIES, src, from)
                        .blend(FloatVector.fromArray(SPECIES, src, from + sr - 4), ROW_1_OF_4)
                        .blend(FloatVector.fromArray(SPECIES, src, from + 2 * sr - 8), ROW_2_OF_4)
                        .blend(FloatVector.fromArray(SPECIES, src, from + 3 * sr - 12), ROW_3_OF_4)
                        .intoArray(dst, id + p * dp);
            }
            return;
        }
        for (int p = 0; p < planes; p++) {
            for (int q = 0; q < rows; q += 2) {
                int from = is + p * sp + q * sr;
                FloatVector.fromArray(SPECIES, src, from)
                        .blend(FloatVector.fromArray(SPECIES, src, from + sr - 8), ROW_1_OF_8)
                        .intoArray(dst, id + p * dp + q * 8);
            }
        }
    }
}
