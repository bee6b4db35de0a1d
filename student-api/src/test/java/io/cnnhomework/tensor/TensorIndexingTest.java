package io.cnnhomework.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Index tensors, {@code indexSelect}, {@code gather}, one-hot rows from indices, and {@code fold}. */
class TensorIndexingTest {

    private static Tensor range(int... shape) {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        return Tensor.arange(n).reshape(shape);
    }

    @Test
    void indexTensorHasAShapeAndImmutableValues() {
        int[] values = {3, 0, 7, 7, 1, 2};
        IndexTensor index = IndexTensor.of(values, 2, 3);
        values[0] = 99;
        assertArrayEquals(new int[] {2, 3}, index.shape());
        assertEquals(2, index.dim());
        assertEquals(3, index.size(-1));
        assertEquals(6, index.numel());
        assertEquals(3, index.get(0, 0));
        assertEquals(2, index.get(-1, -1));
        index.toArray()[1] = 42;
        index.shape()[0] = 5;
        assertEquals(IndexTensor.of(new int[] {3, 0, 7, 7, 1, 2}, 2, 3), index);
        assertEquals(IndexTensor.of(3, 0, 7, 7, 1, 2), index.flatten());
        assertNotEquals(IndexTensor.of(3, 0, 7, 7, 1, 2), index);
        assertEquals(index.hashCode(), IndexTensor.of(new int[] {3, 0, 7, 7, 1, 2}, 2, 3).hashCode());
    }

    @Test
    void indexTensorShapeOperations() {
        IndexTensor labels = IndexTensor.of(3, 0, 7);
        assertArrayEquals(new int[] {3, 1}, labels.unsqueeze(1).shape());
        assertArrayEquals(new int[] {1, 3}, labels.unsqueeze(0).shape());
        assertEquals(labels, labels.unsqueeze(-1).squeeze(1));
        assertEquals(labels, labels.squeeze(0));
        assertArrayEquals(new int[] {2, 3}, IndexTensor.arange(6).reshape(2, -1).shape());
        assertEquals(4, IndexTensor.scalar(4).item());
        assertEquals(0, IndexTensor.scalar(4).dim());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IndexTensor.arange(6).reshape(4, -1));
        assertEquals("reshape: cannot reshape [6] (6 elements) into [4, -1]", e.getMessage());
        IllegalArgumentException item = assertThrows(IllegalArgumentException.class, () -> labels.item());
        assertEquals("item: an index tensor with 3 elements (shape [3]) cannot be converted to a scalar", item.getMessage());
        IndexOutOfBoundsException get = assertThrows(IndexOutOfBoundsException.class, () -> labels.get(3));
        assertEquals("get: index 3 is out of bounds for dimension 0 with size 3", get.getMessage());
        IllegalArgumentException of = assertThrows(IllegalArgumentException.class, () -> IndexTensor.of(new int[] {1, 2}, 3));
        assertEquals("IndexTensor.of: 2 values do not fill shape [3] (3 elements)", of.getMessage());
    }

    @Test
    void indexTensorPrintsLikeAnIntegerTensor() {
        assertEquals("tensor([ 3, 10,  7])", IndexTensor.of(3, 10, 7).toString());
        assertEquals("tensor([[0, 2],\n        [1, 1]])", IndexTensor.of(new int[] {0, 2, 1, 1}, 2, 2).toString());
        assertEquals("tensor(4)", IndexTensor.scalar(4).toString());
        assertEquals("tensor([])", IndexTensor.of().toString());
    }

    @Test
    void indexTensorConvertsToAndFromFloats() {
        assertEquals(Tensor.of(2f, 0f, -1f), IndexTensor.of(2, 0, -1).toFloat());
        assertEquals(IndexTensor.of(new int[] {2, 0, 1, 5}, 2, 2), Tensor.of(new float[] {2, 0, 1, 5}, 2, 2).toIndices());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.of(1f, 2.5f).toIndices());
        assertEquals("toIndices: value 2.5 at flat position 1 of shape [2] is not a whole number in int range",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tensor.of(Float.NaN).toIndices());
        assertThrows(IllegalArgumentException.class, () -> Tensor.of(3e9f).toIndices());
        assertThrows(IllegalArgumentException.class, () -> Tensor.of(2147483648f).toIndices());
    }

    @Test
    void eqComparesIndicesWithBroadcasting() {
        IndexTensor predicted = IndexTensor.of(1, 0, 2, 2);
        assertEquals(Tensor.of(1f, 0f, 1f, 0f), predicted.eq(IndexTensor.of(1, 1, 2, 0)));
        assertEquals(0.5f, predicted.eq(IndexTensor.of(1, 1, 2, 0)).mean().item());
        assertEquals(Tensor.of(new float[][] {{0, 0, 1, 1}, {1, 0, 0, 0}}),
                predicted.eq(IndexTensor.of(new int[] {2, 1}, 2, 1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> predicted.eq(IndexTensor.of(1, 2, 3)));
        assertEquals("eq: cannot broadcast shapes [4] and [3]", e.getMessage());
    }

    @Test
    void indexSelectPicksSlicesInTheGivenOrder() {
        Tensor x = range(3, 2);
        assertEquals(Tensor.of(new float[][] {{4, 5}, {0, 1}}), x.indexSelect(0, IndexTensor.of(2, 0)));
        assertEquals(Tensor.of(new float[][] {{1, 1, 0}, {3, 3, 2}, {5, 5, 4}}), x.indexSelect(1, 1, 1, 0));
        assertEquals(Tensor.of(new float[][] {{2, 3}}), x.indexSelect(0, IndexTensor.scalar(1)));
        assertArrayEquals(new int[] {0, 2}, x.indexSelect(-2).shape());
        Tensor images = range(4, 1, 2, 2);
        Tensor batch = images.indexSelect(0, 3, 1);
        assertEquals(images.select(0, 3), batch.select(0, 0));
        assertEquals(images.select(0, 1), batch.select(0, 1));
        // A non-contiguous source is read as its values, not its storage.
        assertEquals(Tensor.of(new float[][] {{1, 3, 5}}), x.t().indexSelect(0, 1));
    }

    @Test
    void indexSelectRejectsBadIndices() {
        Tensor x = range(3, 2);
        IndexOutOfBoundsException high = assertThrows(IndexOutOfBoundsException.class, () -> x.indexSelect(0, 0, 3));
        assertEquals("indexSelect: index 3 at position 1 is out of bounds for dimension 0 with size 3", high.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> x.indexSelect(1, -1));
        IllegalArgumentException rank = assertThrows(IllegalArgumentException.class,
                () -> x.indexSelect(0, IndexTensor.of(new int[] {0, 1}, 1, 2)));
        assertEquals("indexSelect: the index must be 0-d or 1-D, got shape [1, 2]", rank.getMessage());
        IllegalArgumentException scalar = assertThrows(IllegalArgumentException.class,
                () -> Tensor.scalar(1f).indexSelect(0, 0));
        assertEquals("indexSelect: cannot select from a 0-d tensor", scalar.getMessage());
    }

    @Test
    void gatherPicksEachRowsLabelColumn() {
        Tensor logProbs = Tensor.of(new float[][] {{-0.1f, -2.3f, -4f}, {-1.6f, -0.2f, -3f}});
        IndexTensor labels = IndexTensor.of(0, 2);
        assertEquals(Tensor.of(new float[][] {{-0.1f}, {-3f}}), logProbs.gather(1, labels.unsqueeze(1)));
        assertEquals(Tensor.of(new float[][] {{-1.6f, -2.3f}}), logProbs.gather(0, IndexTensor.of(new int[] {1, 0}, 1, 2)));
        // Repeated and reordered columns; an index smaller than the input in dimension 0.
        assertEquals(Tensor.of(new float[][] {{-4f, -4f, -0.1f, -2.3f}}),
                logProbs.gather(-1, IndexTensor.of(new int[] {2, 2, 0, 1}, 1, 4)));
        assertEquals(Tensor.of(new float[][] {{-0.1f}, {-0.2f}}), logProbs.t().gather(0, IndexTensor.of(new int[] {0, 1}, 1, 2)).t());
        assertEquals(Tensor.scalar(5f), Tensor.scalar(5f).gather(0, IndexTensor.scalar(0)));
    }

    @Test
    void gatherRejectsBadIndices() {
        Tensor x = range(2, 3);
        IndexOutOfBoundsException out = assertThrows(IndexOutOfBoundsException.class,
                () -> x.gather(1, IndexTensor.of(new int[] {0, 3}, 2, 1)));
        assertEquals("gather: index 3 at [1, 0] is out of bounds for dimension 1 with size 3", out.getMessage());
        IllegalArgumentException rank = assertThrows(IllegalArgumentException.class, () -> x.gather(1, IndexTensor.of(0, 1)));
        assertEquals("gather: the index must have as many dimensions as the input (2), got index shape [2] for input [2, 3]",
                rank.getMessage());
        IllegalArgumentException larger = assertThrows(IllegalArgumentException.class,
                () -> x.gather(1, IndexTensor.of(new int[6], 3, 2)));
        assertEquals("gather: index shape [3, 2] is larger than input shape [2, 3] in dimension 0 (only dimension 1 may be)",
                larger.getMessage());
    }

    @Test
    void oneHotFromAnIndexTensorAddsALastDimension() {
        assertEquals(Tensor.oneHot(new int[] {1, 0, 2}, 3), Tensor.oneHot(IndexTensor.of(1, 0, 2), 3));
        Tensor grid = Tensor.oneHot(IndexTensor.of(new int[] {0, 1, 1, 0}, 2, 2), 2);
        assertArrayEquals(new int[] {2, 2, 2}, grid.shape());
        assertEquals(1f, grid.get(0, 1, 1));
        assertEquals(0f, grid.get(0, 1, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> Tensor.oneHot(IndexTensor.of(3), 3));
    }

    @Test
    void foldCountsTheWindowsCoveringEachPixel() {
        Tensor counts = Tensor.ones(1, 4, 4).fold(new int[] {3, 3}, new int[] {2, 2}, new int[] {1, 1},
                new int[] {0, 0}, new int[] {1, 1});
        assertEquals(Tensor.of(new float[] {1, 2, 1, 2, 4, 2, 1, 2, 1}, 1, 1, 3, 3), counts);
        Tensor unbatched = Tensor.ones(4, 4).fold(new int[] {3, 3}, 2, 1, 0, 1);
        assertEquals(counts.select(0, 0), unbatched);
    }

    @Test
    void foldDropsPaddingAndHonoursStrideAndDilation() {
        // 3 x 3 windows with padding 1 and stride 2 over a 3 x 3 image: 2 x 2 windows, corners overlap.
        Tensor counts = Tensor.ones(1, 9, 4).fold(new int[] {3, 3}, 3, 1, 1, 2);
        assertEquals(Tensor.of(new float[] {1, 2, 1, 2, 4, 2, 1, 2, 1}, 1, 1, 3, 3), counts);
        // Dilation 2: a 2 x 2 window spans 3 x 3; over a 4 x 4 image there are 2 x 2 of them.
        Tensor dilated = Tensor.ones(1, 4, 4).fold(new int[] {4, 4}, 2, 2, 0, 1);
        assertEquals(Tensor.of(new float[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, 1, 1, 4, 4), dilated);
    }

    @Test
    void foldRejectsAColumnCountThatIsNotTheWindows() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.ones(1, 4, 5).fold(new int[] {3, 3}, 2, 1, 0, 1));
        assertEquals("fold: output size [3, 3] with kernel [2, 2], dilation [1, 1], padding [0, 0] and stride [1, 1]"
                + " has 2 x 2 windows, but the input [1, 4, 5] has L = 5", e.getMessage());
        IllegalArgumentException rows = assertThrows(IllegalArgumentException.class,
                () -> Tensor.ones(1, 5, 4).fold(new int[] {3, 3}, 2, 1, 0, 1));
        assertEquals("fold: 5 rows of input [1, 5, 4] are not a whole number of 2 x 2 windows (C·kh·kw)", rows.getMessage());
        IllegalArgumentException rank = assertThrows(IllegalArgumentException.class, () -> Tensor.ones(4).fold(new int[] {3, 3}, 2, 1, 0, 1));
        assertEquals("fold: expected an input of shape [N, C·kh·kw, L] or [C·kh·kw, L], got [4]", rank.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tensor.ones(1, 4, 4).fold(new int[] {3, 3}, 2, 0, 0, 1));
        assertThrows(IllegalArgumentException.class,
                () -> Tensor.ones(1, 4, 4).fold(new int[] {3}, new int[] {2, 2}, new int[] {1, 1}, new int[] {0, 0}, new int[] {1, 1}));
    }

    /** fold is the adjoint of the im2col that unfold makes: {@code <im2col(x), y> = <x, fold(y)>}. */
    @Test
    void foldIsTheAdjointOfAnUnfoldIm2col() {
        for (int c = 0; c < 50; c++) {
            Random random = new Random(7000 + c);
            int n = 1 + random.nextInt(3);
            int channels = 1 + random.nextInt(3);
            int h = 1 + random.nextInt(7);
            int w = 1 + random.nextInt(7);
            int k = 1 + random.nextInt(3);
            int pad = random.nextInt(2);
            int stride = 1 + random.nextInt(2);
            if (h + 2 * pad < k || w + 2 * pad < k) {
                continue;
            }
            int outH = (h + 2 * pad - k) / stride + 1;
            int outW = (w + 2 * pad - k) / stride + 1;
            Tensor x = Tensor.randn(random, n, channels, h, w);
            Tensor cols = x.pad(pad, pad, pad, pad).unfold(2, k, stride).unfold(3, k, stride)
                    .permute(0, 1, 4, 5, 2, 3).reshape(n, channels * k * k, outH * outW);
            Tensor y = Tensor.randn(random, n, channels * k * k, outH * outW);
            Tensor folded = y.fold(new int[] {h, w}, k, 1, pad, stride);
            assertArrayEquals(new int[] {n, channels, h, w}, folded.shape());
            double left = 0;
            float[] cv = cols.toArray();
            float[] yv = y.toArray();
            for (int i = 0; i < cv.length; i++) {
                left += (double) cv[i] * yv[i];
            }
            double right = 0;
            float[] xv = x.toArray();
            float[] fv = folded.toArray();
            for (int i = 0; i < xv.length; i++) {
                right += (double) xv[i] * fv[i];
            }
            assertEquals(left, right, 1e-4 * (1 + Math.abs(left)), "case " + c);
            // Read through strides: a permuted view folds like its contiguous copy.
            Tensor view = y.permute(1, 0, 2).contiguous().permute(1, 0, 2);
            assertEquals(folded, view.fold(new int[] {h, w}, k, 1, pad, stride), "case " + c);
        }
    }

    /**
     * fold gives the bits of the plain col2im loop, every pixel's terms added in order of the
     * row {@code (c·kh + ki)·kw + kj}: image widths that make rows of 1 to 9 columns inside the
     * image (3, 4 and 8 are written out), several images and channels, strides, dilations and
     * padding, and columns read through a convolution's permuted view.
     */
    @Test
    void foldAddsEveryPixelsTermsInTheOrderOfThePlainLoop() {
        for (int c = 0; c < 80; c++) {
            Random random = new Random(9100 + c);
            int channels = 1 + random.nextInt(3);
            int k = 1 + random.nextInt(3);
            int dilation = random.nextInt(4) == 0 ? 2 : 1;
            int pad = random.nextInt(2);
            int stride = random.nextInt(3) == 0 ? 2 : 1;
            int h = (k - 1) * dilation + 1 + random.nextInt(8);
            int w = (k - 1) * dilation + 1 + random.nextInt(9);
            // a few images, or (every fourth case) more pixels per channel than fold sweeps at once
            int n = c % 4 == 0 ? Windows.SWEEP / (h * w) + 1 + random.nextInt(3) : 1 + random.nextInt(3);
            int bh = (h + 2 * pad - dilation * (k - 1) - 1) / stride + 1;
            int bw = (w + 2 * pad - dilation * (k - 1) - 1) / stride + 1;
            int rows = channels * k * k;
            Tensor columns = random.nextBoolean()
                    ? Tensor.randn(random, n, rows, bh * bw)
                    : Tensor.randn(random, rows, n, bh * bw).permute(1, 0, 2);
            float[] expected = plainFold(columns, channels, h, w, k, dilation, pad, stride);
            Tensor folded = columns.fold(new int[] {h, w}, k, dilation, pad, stride);
            assertArrayEquals(expected, folded.toArray(), "case " + c + ": " + n + " x " + channels + " x " + h + " x " + w
                    + ", kernel " + k + ", dilation " + dilation + ", padding " + pad + ", stride " + stride);
        }
    }
    /**
     * fold of "same" windows (stride 1, the image's size kept) over images of one to four
     * vectors, which the Vector API kernel takes: 4 x 4, 2 x 8, 4 x 8 and 8 x 8 images, kernels
     * of 1, 3 and 5, a dilation, columns contiguous and read through a convolution's permuted
     * view, negative zeros and a NaN among them; and columns repeated by expand, whose shifted
     * loads would leave the array, folded by the plain loops.
     */
    @Test
    void foldOfSameWindowsOverImagesOfWholeVectorsAddsInTheOrderOfThePlainLoop() {
        Random random = new Random(9300);
        int[][] cases = {{4, 4, 3, 1, 1}, {8, 8, 3, 1, 1}, {2, 8, 3, 1, 1}, {4, 8, 3, 1, 1}, {8, 8, 5, 1, 2},
                {4, 4, 3, 2, 2}, {8, 8, 1, 1, 0}, {4, 4, 5, 1, 2}};
        for (int[] g : cases) {
            int h = g[0];
            int w = g[1];
            int k = g[2];
            int dilation = g[3];
            int pad = g[4];
            for (boolean permuted : new boolean[] {false, true}) {
                int n = 3;
                int channels = 2;
                int rows = channels * k * k;
                float[] values = Tensor.randn(random, n * rows * h * w).toArray();
                values[1] = -0f;
                values[values.length / 2] = Float.NaN;
                Tensor columns = permuted
                        ? Tensor.of(values, rows, n, h * w).permute(1, 0, 2)
                        : Tensor.of(values, n, rows, h * w);
                Tensor folded = columns.fold(new int[] {h, w}, k, dilation, pad, 1);
                assertArrayEquals(plainFold(columns, channels, h, w, k, dilation, pad, 1), folded.toArray(),
                        Arrays.toString(g) + (permuted ? ", permuted" : ""));
            }
        }
        // the first half of an array, then its second half: shifted loads would start before
        // its first element, or end after its last
        for (int start : new int[] {0, 16}) {
            Tensor repeated = Tensor.randn(random, 1, 1, 32).slice(2, start, start + 16).expand(2, 9, 16);
            assertArrayEquals(plainFold(repeated, 1, 4, 4, 3, 1, 1, 1), repeated.fold(new int[] {4, 4}, 3, 1, 1, 1).toArray());
        }
    }

    /** The plain col2im loop: every pixel's terms added in order of the row {@code (c·kh + ki)·kw + kj}. */
    private static float[] plainFold(Tensor columns, int channels, int h, int w, int k, int dilation, int pad, int stride) {
        int n = columns.size(0);
        int rows = columns.size(1);
        int bh = (h + 2 * pad - dilation * (k - 1) - 1) / stride + 1;
        int bw = (w + 2 * pad - dilation * (k - 1) - 1) / stride + 1;
        float[] expected = new float[n * channels * h * w];
        for (int b = 0; b < n; b++) {
            for (int r = 0; r < rows; r++) {
                int ch = r / (k * k);
                int ki = r / k % k;
                int kj = r % k;
                for (int i = 0; i < bh; i++) {
                    for (int j = 0; j < bw; j++) {
                        int y = i * stride - pad + ki * dilation;
                        int x = j * stride - pad + kj * dilation;
                        if (y >= 0 && y < h && x >= 0 && x < w) {
                            expected[((b * channels + ch) * h + y) * w + x] += columns.get(b, r, i * bw + j);
                        }
                    }
                }
            }
        }
        return expected;
    }
}
