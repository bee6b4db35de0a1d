package io.cnnhomework.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Expected strings are what PyTorch prints for the same tensors with default print options. */
class TensorFormatTest {

    @Test
    void scalarPrintsWithFourDecimals() {
        assertEquals("tensor(0.9362)", Tensor.scalar(0.9362f).toString());
        assertEquals("tensor(-2.5000)", Tensor.scalar(-2.5f).toString());
    }

    @Test
    void integralValuesPrintWithATrailingDot() {
        assertEquals("tensor(3.)", Tensor.scalar(3f).toString());
        assertEquals("tensor([0., 1., 2., 3.])", Tensor.arange(4).toString());
        assertEquals("tensor([0., 0.])", Tensor.zeros(2).toString());
        assertEquals("tensor([-1.,  0., 10.])", Tensor.of(-1f, 0f, 10f).toString());
    }

    @Test
    void vectorAlignsColumns() {
        assertEquals("tensor([ 0.5000, -1.2500, 10.0000])", Tensor.of(0.5f, -1.25f, 10f).toString());
    }

    @Test
    void matrixPrintsOneRowPerLineAligned() {
        Tensor m = Tensor.of(new float[][] {{1, -2.5f}, {0, 3}});
        assertEquals("tensor([[ 1.0000, -2.5000],\n        [ 0.0000,  3.0000]])", m.toString());
    }

    @Test
    void fourDimensionalTensorSeparatesBlocksWithBlankLines() {
        String expected = "tensor([[[[0., 1.],\n"
                + "          [2., 3.]]],\n"
                + "\n"
                + "\n"
                + "        [[[4., 5.],\n"
                + "          [6., 7.]]]])";
        assertEquals(expected, Tensor.arange(8).reshape(2, 1, 2, 2).toString());
    }

    @Test
    void scientificNotationWhenMagnitudesSpanMoreThanAThousand() {
        assertEquals("tensor([1.0000e-05, 1.0000e+00])", Tensor.of(1e-5f, 1f).toString());
        assertEquals("tensor([1.2346e+05, 1.0000e+00])", Tensor.of(123456f, 1f).toString());
    }

    @Test
    void nonFiniteValuesPrintLikePython() {
        assertEquals("tensor([nan, 1.])", Tensor.of(Float.NaN, 1f).toString());
        assertEquals("tensor([   inf, 1.5000])", Tensor.of(Float.POSITIVE_INFINITY, 1.5f).toString());
        assertEquals("tensor([-inf])", Tensor.of(Float.NEGATIVE_INFINITY).toString());
    }

    @Test
    void roundingIsHalfEvenOnTheExactBinaryValue() {
        // 0.03125 is exact in binary: Python's format rounds the tie to even.
        assertEquals("tensor([0.0312, 1.0000])", Tensor.of(0.03125f, 1f).toString());
        // Zeros do not count towards the column width, so "-0.0000" sticks out by one.
        assertEquals("tensor([-0.0000, 1.5000])", Tensor.of(-0f, 1.5f).toString());
        assertEquals("tensor([-1.0000e-05,  1.0000e+00])", Tensor.of(-0.00001f, 1f).toString());
    }

    @Test
    void longVectorWrapsAtEightyColumns() {
        Tensor x = Tensor.arange(0f, 1.5f, 0.1f);
        String expected = "tensor([0.0000, 0.1000, 0.2000, 0.3000, 0.4000, 0.5000, 0.6000, 0.7000, 0.8000,\n"
                + "        0.9000, 1.0000, 1.1000, 1.2000, 1.3000, 1.4000])";
        assertEquals(expected, x.toString());
    }

    @Test
    void largeVectorIsSummarised() {
        String expected = "tensor([0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 1.9970e+03, 1.9980e+03,\n"
                + "        1.9990e+03])";
        assertEquals(expected, Tensor.arange(2000).toString());
    }

    @Test
    void largeMatrixIsSummarisedInBothDimensions() {
        String row = "[1., 1., 1.,  ..., 1., 1., 1.]";
        String expected = "tensor([" + row + ",\n"
                + "        " + row + ",\n"
                + "        " + row + ",\n"
                + "        ...,\n"
                + "        " + row + ",\n"
                + "        " + row + ",\n"
                + "        " + row + "])";
        assertEquals(expected, Tensor.ones(40, 30).toString());
    }

    @Test
    void emptyTensorsPrintTheirSize() {
        assertEquals("tensor([])", Tensor.zeros(0).toString());
        assertEquals("tensor([], size=(2, 0))", Tensor.zeros(2, 0).toString());
    }

    @Test
    void viewsPrintTheirOwnElements() {
        assertEquals("tensor([[0., 2.],\n        [1., 3.]])", Tensor.arange(4).reshape(2, 2).t().toString());
    }
}
