package io.cnnhomework.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TensorViewTest {

    private static Tensor range(int... shape) {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        return Tensor.arange(n).reshape(shape);
    }

    @Test
    void reshapeOfContiguousTensorSharesStorage() {
        Tensor base = Tensor.arange(6);
        Tensor view = base.reshape(2, 3);
        view.set(42f, 1, 0);
        assertEquals(42f, base.get(3));
    }

    @Test
    void reshapeInfersOneMinusOne() {
        assertArrayEquals(new int[] {3, 2}, Tensor.arange(6).reshape(-1, 2).shape());
        assertArrayEquals(new int[] {6}, range(2, 3).reshape(-1).shape());
        assertArrayEquals(new int[] {2, 0}, Tensor.zeros(0).reshape(2, 0).shape());
    }

    @Test
    void reshapeRejectsMismatchWithTheShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> range(2, 3).reshape(4, -1));
        assertEquals("reshape: cannot reshape [2, 3] (6 elements) into [4, -1]", e.getMessage());
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> range(2, 3).reshape(-1, -1));
        assertEquals("reshape: only one dimension can be -1, got [-1, -1]", twice.getMessage());
        assertThrows(IllegalArgumentException.class, () -> range(2, 3).reshape(7));
    }

    @Test
    void reshapeOfNonContiguousViewCopies() {
        Tensor base = range(2, 3);
        Tensor t = base.t();
        Tensor flat = t.reshape(6);
        assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, flat.toArray());
        flat.set(-1f, 0);
        assertEquals(0f, base.get(0, 0));
    }

    @Test
    void flattenFromADimensionMergesTheRest() {
        Tensor x = Tensor.zeros(8, 4, 5, 5);
        assertArrayEquals(new int[] {8, 100}, x.flatten(1).shape());
        assertArrayEquals(new int[] {8, 4, 25}, x.flatten(-2).shape());
        assertArrayEquals(new int[] {800}, x.flatten().shape());
        assertArrayEquals(new int[] {1}, Tensor.scalar(3f).flatten().shape());
        assertArrayEquals(new int[] {2, 0}, Tensor.zeros(2, 0, 3).flatten(1).shape());
    }

    @Test
    void unsqueezeAndSqueezeAcceptNegativeDims() {
        Tensor x = Tensor.of(1f, 2f, 3f);
        assertArrayEquals(new int[] {1, 3}, x.unsqueeze(0).shape());
        assertArrayEquals(new int[] {3, 1}, x.unsqueeze(-1).shape());
        assertArrayEquals(new int[] {3, 1}, x.unsqueeze(1).shape());
        assertArrayEquals(new int[] {3}, x.unsqueeze(-1).squeeze(-1).shape());
        assertArrayEquals(new int[] {2, 1, 3}, Tensor.zeros(2, 1, 3).squeeze(0).shape());
        assertArrayEquals(new int[] {3}, Tensor.zeros(1, 3, 1).squeeze().shape());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.unsqueeze(2));
        assertEquals("unsqueeze: dimension 2 is out of range for a 1-d tensor (expected -2..1)", e.getMessage());
    }

    @Test
    void unsqueezedViewWritesThroughToBase() {
        Tensor base = range(2, 3);
        base.t().unsqueeze(0).set(50f, 0, 2, 1);
        assertEquals(50f, base.get(1, 2));
    }

    @Test
    void permuteReordersDimensionsAsAView() {
        Tensor x = range(2, 3, 4);
        Tensor p = x.permute(2, 0, 1);
        assertArrayEquals(new int[] {4, 2, 3}, p.shape());
        assertFalse(p.isContiguous());
        assertEquals(x.get(1, 2, 3), p.get(3, 1, 2));
        p.set(-7f, 0, 1, 1);
        assertEquals(-7f, x.get(1, 1, 0));
        assertArrayEquals(new int[] {4, 2, 3}, x.permute(-1, 0, 1).shape());
    }

    @Test
    void permuteRejectsNonPermutations() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> range(2, 3).permute(0, 0));
        assertEquals("permute: dims [0, 0] are not a permutation of 0..1", e.getMessage());
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class, () -> range(2, 3).permute(0));
        assertEquals("permute: expected 2 dims for shape [2, 3], got [0]", count.getMessage());
    }

    @Test
    void transposeAndTSwapDimensions() {
        Tensor x = range(2, 3);
        assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, x.t().toArray());
        assertArrayEquals(new int[] {4, 3, 2}, Tensor.zeros(2, 3, 4).transpose(0, -1).shape());
        assertArrayEquals(new int[] {3}, Tensor.zeros(3).t().shape());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3, 4).t());
        assertEquals("t: expects a tensor with at most 2 dimensions, got [2, 3, 4]; use transpose(dim0, dim1)"
                + " or permute(...)", e.getMessage());
    }

    @Test
    void selectRemovesTheDimensionAndSharesStorage() {
        Tensor x = range(2, 3, 4);
        Tensor column = x.select(1, 2);
        assertArrayEquals(new int[] {2, 4}, column.shape());
        assertArrayEquals(new float[] {8, 9, 10, 11, 20, 21, 22, 23}, column.toArray());
        assertArrayEquals(new float[] {20, 21, 22, 23}, x.select(0, -1).select(0, -1).toArray());
        column.fill(0f);
        assertEquals(0f, x.get(1, 2, 3));
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> x.select(1, 3));
        assertEquals("select: index 3 is out of bounds for dimension 1 with size 3", e.getMessage());
    }

    @Test
    void sliceFollowsPythonBoundsAndSteps() {
        Tensor x = Tensor.arange(10);
        assertArrayEquals(new float[] {2, 3, 4}, x.slice(0, 2, 5).toArray());
        assertArrayEquals(new float[] {7, 8, 9}, x.slice(0, -3, 10).toArray());
        assertArrayEquals(new float[] {8, 9}, x.slice(0, 8, 100).toArray());
        assertArrayEquals(new float[] {1, 4, 7}, x.slice(0, 1, 10, 3).toArray());
        assertEquals(0, x.slice(0, 5, 2).numel());
        assertThrows(IllegalArgumentException.class, () -> x.slice(0, 0, 5, 0));
    }

    @Test
    void sliceViewWritesThroughToBase() {
        Tensor image = Tensor.zeros(1, 1, 7, 7);
        image.slice(2, 1, 6).slice(3, 1, 6).copyFrom(Tensor.ones(1, 1, 5, 5));
        assertEquals(25f, image.sum().item());
        assertEquals(0f, image.get(0, 0, 0, 3));
        assertEquals(1f, image.get(0, 0, 1, 1));
        assertEquals(0f, image.get(0, 0, 6, 6));
    }

    @Test
    void narrowTakesALengthAndRejectsOverruns() {
        Tensor x = range(4, 6);
        Tensor n = x.narrow(1, 2, 3);
        assertArrayEquals(new int[] {4, 3}, n.shape());
        assertEquals(x.get(3, 4), n.get(3, 2));
        assertArrayEquals(new float[] {4, 5}, Tensor.arange(6).narrow(0, -2, 2).toArray());
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> x.narrow(1, 4, 3));
        assertEquals("narrow: start 4 and length 3 do not fit in dimension 1 of shape [4, 6]", e.getMessage());
    }

    @Test
    void expandRepeatsSizeOneDimensionsWithoutCopying() {
        Tensor bias = Tensor.of(1f, 2f, 3f);
        Tensor e = bias.expand(4, -1);
        assertArrayEquals(new int[] {4, 3}, e.shape());
        assertArrayEquals(new float[] {1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3}, e.toArray());
        assertFalse(e.isContiguous());
        bias.set(9f, 0);
        assertEquals(9f, e.get(3, 0));
        assertArrayEquals(new int[] {2, 3, 5}, Tensor.zeros(3, 1).expand(2, 3, 5).shape());
        IllegalArgumentException err = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).expand(4, 3));
        assertEquals("expand: cannot expand [2, 3] to [4, 3]", err.getMessage());
    }

    @Test
    void nearestUpsamplingThroughExpandCopiesEveryElementToItsWindow() {
        // An average pooling's gradient spread over its windows: [.., h, w] -> [.., h·r, w·2],
        // element (y, x) from (y / r, x / 2); the shapes of both poolings of the digits network,
        // a single row, three repeats of a row, a source whose rows are not contiguous, and a
        // last dimension repeated three times (not the pairs' pattern).
        java.util.Random random = new java.util.Random(17);
        int[][] cases = {{64, 16, 4, 4, 2, 2}, {64, 32, 2, 2, 2, 2}, {1, 1, 1, 5, 2, 2}, {2, 3, 3, 4, 3, 2}, {1, 2, 2, 3, 2, 3}};
        for (int[] c : cases) {
            int n = c[0], ch = c[1], h = c[2], w = c[3], rows = c[4], cols = c[5];
            for (boolean strided : new boolean[] {false, true}) {
                Tensor source = strided
                        ? Tensor.randn(random, n, ch, h, w + 3).slice(3, 1, w + 1, 1)
                        : Tensor.randn(random, n, ch, h, w);
                Tensor up = source.unsqueeze(3).unsqueeze(5).expand(n, ch, h, rows, w, cols).reshape(n, ch, h * rows, w * cols);
                float[] expected = new float[n * ch * h * rows * w * cols];
                int at = 0;
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < ch; j++) {
                        for (int y = 0; y < h * rows; y++) {
                            for (int x = 0; x < w * cols; x++) {
                                expected[at++] = source.get(i, j, y / rows, x / cols);
                            }
                        }
                    }
                }
                assertArrayEquals(expected, up.toArray(), java.util.Arrays.toString(c) + (strided ? ", strided source" : ""));
            }
        }
    }

    @Test
    void inPlaceWriteToExpandedViewIsRejected() {
        Tensor e = Tensor.of(1f, 2f).expand(3, 2);
        IllegalArgumentException err = assertThrows(IllegalArgumentException.class, () -> e.addInPlace(1f));
        assertTrue(err.getMessage().startsWith("addInPlace: cannot write in place to an expanded view of shape [3, 2]"));
    }

    @Test
    void unfoldCutsOverlappingWindowsAsAView() {
        // torch.arange(7.).unfold(0, 3, 2)
        Tensor base = Tensor.arange(7);
        Tensor windows = base.unfold(0, 3, 2);
        assertArrayEquals(new int[] {3, 3}, windows.shape());
        assertArrayEquals(new float[] {0, 1, 2, 2, 3, 4, 4, 5, 6}, windows.toArray());
        base.set(42f, 2);
        assertEquals(42f, windows.get(0, 2));
        assertEquals(42f, windows.get(1, 0));
    }

    @Test
    void unfoldWithAStepLargerThanTheSizeSkipsElementsAndDropsAPartialWindow() {
        // torch.arange(8.).unfold(0, 2, 3): windows at 0 and 3; the one at 6 would be [6, 7]
        assertArrayEquals(new float[] {0, 1, 3, 4, 6, 7}, Tensor.arange(8).unfold(0, 2, 3).toArray());
        assertArrayEquals(new float[] {0, 1, 3, 4}, Tensor.arange(7).unfold(0, 2, 3).toArray());
    }

    @Test
    void unfoldingTwoDimensionsGivesEveryImageWindow() {
        // torch.arange(32.).reshape(2, 1, 4, 4).unfold(2, 3, 1).unfold(3, 3, 1): [2, 1, 2, 2, 3, 3]
        Tensor windows = range(2, 1, 4, 4).unfold(2, 3, 1).unfold(3, 3, 1);
        assertArrayEquals(new int[] {2, 1, 2, 2, 3, 3}, windows.shape());
        assertArrayEquals(new float[] {5, 6, 7, 9, 10, 11, 13, 14, 15}, windows.select(0, 0).select(0, 0)
                .select(0, 1).select(0, 1).toArray());
        assertArrayEquals(new float[] {16, 17, 18, 20, 21, 22, 24, 25, 26}, windows.select(0, 1).select(0, 0)
                .select(0, 0).select(0, 0).toArray());
        // Stride 2, as a pooling layer reads: [1, 1, 2, 2, 2, 2], window (1, 0) starts at row 2, column 0.
        Tensor pools = range(1, 1, 4, 4).unfold(-2, 2, 2).unfold(-2, 2, 2);
        assertArrayEquals(new int[] {1, 1, 2, 2, 2, 2}, pools.shape());
        assertArrayEquals(new float[] {8, 9, 12, 13}, pools.select(2, 1).select(2, 0).reshape(-1).toArray());
    }

    @Test
    void unfoldOfAZeroDimensionalTensorHasOneWindow() {
        Tensor windows = Tensor.scalar(5f).unfold(0, 1, 1);
        assertArrayEquals(new int[] {1}, windows.shape());
        assertEquals(5f, windows.item());
    }

    @Test
    void unfoldRejectsABadStepOrAWindowThatDoesNotFit() {
        IllegalArgumentException step = assertThrows(IllegalArgumentException.class,
                () -> Tensor.arange(5).unfold(0, 2, 0));
        assertEquals("unfold: step must be positive, got 0", step.getMessage());
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> range(2, 5).unfold(1, 6, 1));
        assertEquals("unfold: size 6 does not fit in dimension 1 of shape [2, 5] (at most 5)", size.getMessage());
        IllegalArgumentException dim = assertThrows(IllegalArgumentException.class,
                () -> range(2, 5).unfold(2, 1, 1));
        assertEquals("unfold: dimension 2 is out of range for a 2-d tensor (expected -2..1)", dim.getMessage());
    }

    @Test
    void inPlaceWriteToOverlappingWindowsIsRejectedButDisjointWindowsAreWritable() {
        Tensor base = Tensor.zeros(7);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> base.unfold(0, 3, 2).addInPlace(1f));
        assertEquals("addInPlace: cannot write in place to a view of shape [3, 3] with strides [2, 1] whose"
                + " elements overlap (windows of unfold with a step smaller than the size); make a copy() first",
                e.getMessage());
        base.unfold(0, 2, 3).addInPlace(Tensor.of(1f, 2f));
        assertArrayEquals(new float[] {1, 2, 0, 1, 2, 0, 0}, base.toArray());
    }

    @Test
    void padAddsZerosLastDimensionFirst() {
        Tensor x = Tensor.of(new float[][] {{1, 2}, {3, 4}});
        Tensor p = x.pad(1, 0);
        assertArrayEquals(new int[] {2, 3}, p.shape());
        assertArrayEquals(new float[] {0, 1, 2, 0, 3, 4}, p.toArray());
        Tensor q = x.pad(0, 1, 2, 0);
        assertArrayEquals(new int[] {4, 3}, q.shape());
        assertArrayEquals(new float[] {0, 0, 0, 0, 0, 0, 1, 2, 0, 3, 4, 0}, q.toArray());
        assertArrayEquals(new int[] {8, 3, 7, 7}, Tensor.zeros(8, 3, 5, 5).pad(1, 1, 1, 1).shape());
    }

    @Test
    void padWithNegativeAmountsCrops() {
        Tensor x = Tensor.arange(5);
        assertArrayEquals(new float[] {1, 2, 3, 0}, x.pad(-1, 0).slice(0, 0, 3).pad(0, 1).toArray());
        assertArrayEquals(new float[] {2, 3}, x.pad(-2, -1).toArray());
    }

    @Test
    void padReturnsANewTensor() {
        Tensor x = Tensor.ones(2);
        Tensor p = x.pad(0, 0);
        p.set(5f, 0);
        assertEquals(1f, x.get(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.pad(1, 1, 1));
        assertEquals("pad: expected an even number of pads, at most 2 for shape [2], got [1, 1, 1]", e.getMessage());
    }

    @Test
    void catJoinsAlongAnExistingDimension() {
        Tensor a = range(2, 2);
        Tensor b = Tensor.full(9f, 2, 1);
        Tensor c = Tensor.cat(-1, a, b);
        assertArrayEquals(new int[] {2, 3}, c.shape());
        assertArrayEquals(new float[] {0, 1, 9, 2, 3, 9}, c.toArray());
        assertArrayEquals(new float[] {0, 1, 2, 3, 0, 2, 1, 3}, Tensor.cat(0, a, a.t()).toArray());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.cat(0, a, b));
        assertEquals("cat: tensor 1 has shape [2, 1] but tensor 0 has [2, 2]; only dimension 0 may differ",
                e.getMessage());
    }

    @Test
    void stackAddsANewDimension() {
        Tensor a = Tensor.of(1f, 2f, 3f);
        Tensor b = Tensor.of(4f, 5f, 6f);
        assertArrayEquals(new int[] {2, 3}, Tensor.stack(0, a, b).shape());
        Tensor s = Tensor.stack(-1, a, b);
        assertArrayEquals(new int[] {3, 2}, s.shape());
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, s.toArray());
        assertThrows(IllegalArgumentException.class, () -> Tensor.stack(0, a, Tensor.zeros(2)));
    }

    @Test
    void viewsOfViewsKeepTheRightOffsets() {
        Tensor x = range(4, 5, 6);
        Tensor v = x.slice(0, 1, 4, 2).select(2, 3).t().narrow(1, 1, 1);
        // x[1:4:2, :, 3].T[:, 1:2]
        assertArrayEquals(new int[] {5, 1}, v.shape());
        for (int i = 0; i < 5; i++) {
            assertEquals(x.get(3, i, 3), v.get(i, 0));
        }
    }

    @Test
    void shortStridedRunsOverManyImagesAddAndCopyEveryElement() {
        java.util.Random random = new java.util.Random(4);
        // A col2im's step: 2 x 2 windows of 50 images added into a strided slice, then copied out.
        Tensor grad = Tensor.zeros(50, 3, 5, 5);
        Tensor share = Tensor.randn(random, 50, 3, 2, 2);
        grad.slice(2, 1, 4, 2).slice(3, 0, 3, 2).addInPlace(share);
        grad.slice(2, 1, 4, 2).slice(3, 0, 3, 2).addInPlace(share);
        Tensor windows = grad.slice(2, 1, 4, 2).slice(3, 0, 3, 2).contiguous();
        for (int n = 0; n < 50; n++) {
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < 2; i++) {
                    for (int j = 0; j < 2; j++) {
                        float s = share.get(n, c, i, j);
                        assertEquals(s + s, grad.get(n, c, 1 + 2 * i, 2 * j));
                        assertEquals(s + s, windows.get(n, c, i, j));
                        assertEquals(0f, grad.get(n, c, 2 * i, 2 * j));
                    }
                }
            }
        }
    }

    @Test
    void im2colCopiesOfWindowRowsOfEveryShortWidthHoldEachElementOnce() {
        java.util.Random random = new java.util.Random(17);
        // Windows of 3 x 3 over images whose output rows are 1 to 10 wide and 2, 4 or 8 high:
        // the copy takes each short row as one block (widths 2, 3, 4, 5 and 8 written as
        // fixed-length copies), and 4 x 4 blocks and blocks 8 wide a vector at a time.
        for (int height : new int[] {2, 4, 8}) {
            for (int width = 1; width <= 10; width++) {
                Tensor padded = Tensor.randn(random, 5, 2, height + 2, width + 2);
                Tensor columns = padded.unfold(2, 3, 1).unfold(3, 3, 1).permute(1, 4, 5, 0, 2, 3).reshape(2 * 9, -1);
                assertArrayEquals(new int[] {18, 5 * height * width}, columns.shape());
                for (int c = 0; c < 2; c++) {
                    for (int u = 0; u < 3; u++) {
                        for (int v = 0; v < 3; v++) {
                            for (int n = 0; n < 5; n++) {
                                for (int i = 0; i < height; i++) {
                                    for (int j = 0; j < width; j++) {
                                        assertEquals(padded.get(n, c, i + u, j + v),
                                                columns.get((c * 3 + u) * 3 + v, (n * height + i) * width + j),
                                                height + " x " + width);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
