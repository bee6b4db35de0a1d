package io.cnnhomework.tensor;

import java.util.Arrays;

/**
 * An immutable tensor of {@code int} indices, what PyTorch keeps in an {@code int64} tensor:
 * the result of {@link Tensor#argmax(int, boolean)}, and the index argument of
 * {@link Tensor#indexSelect(int, IndexTensor)}, {@link Tensor#gather(int, IndexTensor)} and
 * {@link Tensor#oneHot(IndexTensor, int)}. It has a shape like a {@link Tensor} but no
 * arithmetic: compare it with {@link #eq}, or turn it into floats with {@link #toFloat()}.
 *
 * <pre>{@code
 * IndexTensor predicted = logits.argmax(1, false);            // [N, C] -> [N]
 * IndexTensor labels = IndexTensor.of(3, 0, 7);               // shape [3]
 * float accuracy = predicted.eq(labels).mean().item();        // (pred == labels).float().mean()
 * Tensor picked = logProbs.gather(1, labels.unsqueeze(1));    // [N, 1]: each row's label column
 * }</pre>
 *
 * <p>Nothing can change an index tensor once made: {@link #toArray()} returns a copy, and the
 * shape operations ({@link #reshape}, {@link #unsqueeze}, {@link #squeeze(int)},
 * {@link #flatten()}) return new index tensors. Equality is by shape and values.
 */
public final class IndexTensor {

    private final int[] data;
    private final int[] shape;

    private IndexTensor(int[] data, int[] shape) {
        this.data = data;
        this.shape = shape;
    }

    /** Takes ownership of {@code data}; the shape has been validated by the caller. */
    static IndexTensor wrap(int[] data, int[] shape) {
        return new IndexTensor(data, shape);
    }

    /** The storage itself, row-major, for the Tensor operations that read indices. */
    int[] data() {
        return data;
    }

    /** The shape itself, not a copy. */
    int[] shapeRef() {
        return shape;
    }

    /**
     * A 1-D index tensor holding a copy of {@code values}, like
     * {@code torch.tensor([3, 0, 7])}.
     *
     * <pre>{@code
     * IndexTensor.of(3, 0, 7)   // tensor([3, 0, 7]), shape [3]
     * }</pre>
     *
     * @param values the indices; copied
     * @return an index tensor of shape {@code [values.length]}
     */
    public static IndexTensor of(int... values) {
        return new IndexTensor(values.clone(), new int[] {values.length});
    }

    /**
     * An index tensor of the given shape holding a copy of {@code data} in row-major order.
     *
     * <pre>{@code
     * IndexTensor.of(new int[] {0, 2, 1, 1}, 2, 2)   // tensor([[0, 2], [1, 1]])
     * }</pre>
     *
     * @param data  the indices in row-major order; copied; its length must equal the product of
     *              {@code shape}
     * @param shape the sizes, none negative; an empty shape makes a 0-d index tensor
     * @return an index tensor of shape {@code shape}
     * @throws IllegalArgumentException if the length does not match the shape
     */
    public static IndexTensor of(int[] data, int... shape) {
        int n = Shapes.numel("IndexTensor.of", shape);
        if (data.length != n) {
            throw new IllegalArgumentException("IndexTensor.of: " + data.length + " values do not fill shape "
                    + Shapes.str(shape) + " (" + n + " elements)");
        }
        return new IndexTensor(data.clone(), shape.clone());
    }

    /**
     * A 0-d index tensor, like {@code torch.tensor(4)}.
     *
     * <pre>{@code
     * IndexTensor.scalar(4).item()   // 4
     * }</pre>
     *
     * @param value the single index
     * @return an index tensor of shape {@code []}
     */
    public static IndexTensor scalar(int value) {
        return new IndexTensor(new int[] {value}, new int[0]);
    }

    /**
     * {@code 0, 1, ..., end - 1}, like {@code torch.arange(end)}.
     *
     * <pre>{@code
     * IndexTensor.arange(4)   // tensor([0, 1, 2, 3])
     * }</pre>
     *
     * @param end exclusive upper bound, not negative
     * @return an index tensor of shape {@code [end]}
     */
    public static IndexTensor arange(int end) {
        if (end < 0) {
            throw new IllegalArgumentException("IndexTensor.arange: end must not be negative, got " + end);
        }
        int[] data = new int[end];
        for (int i = 0; i < end; i++) {
            data[i] = i;
        }
        return new IndexTensor(data, new int[] {end});
    }

    /**
     * The sizes of the dimensions, like {@code x.shape}.
     *
     * <pre>{@code
     * IndexTensor.of(1, 2, 3).shape()   // {3}
     * }</pre>
     *
     * @return a copy
     */
    public int[] shape() {
        return shape.clone();
    }

    /**
     * The number of dimensions.
     *
     * <pre>{@code
     * IndexTensor.scalar(1).dim()   // 0
     * }</pre>
     *
     * @return 0 for a scalar
     */
    public int dim() {
        return shape.length;
    }

    /**
     * The size of one dimension.
     *
     * <pre>{@code
     * IndexTensor.of(new int[6], 2, 3).size(-1)   // 3
     * }</pre>
     *
     * @param dim a dimension, negative counting from the end
     * @return its size
     */
    public int size(int dim) {
        return shape[Shapes.dim("size", dim, shape.length)];
    }

    /**
     * The number of indices, the product of the shape.
     *
     * <pre>{@code
     * IndexTensor.of(4, 5).numel()   // 2
     * }</pre>
     *
     * @return 1 for a scalar
     */
    public int numel() {
        return data.length;
    }

    /**
     * One index, like {@code x[i, j].item()}.
     *
     * <pre>{@code
     * IndexTensor.of(new int[] {0, 2, 1, 1}, 2, 2).get(0, 1)   // 2
     * }</pre>
     *
     * @param index one position per dimension, negative counting from the end
     * @return the element
     * @throws IndexOutOfBoundsException if a position is out of range
     */
    public int get(int... index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("get: expected " + shape.length + " indices for shape "
                    + Shapes.str(shape) + ", got " + Arrays.toString(index));
        }
        int at = 0;
        for (int d = 0; d < shape.length; d++) {
            int size = shape[d];
            int i = index[d];
            if (i < -size || i >= size) {
                throw new IndexOutOfBoundsException("get: index " + i + " is out of bounds for dimension "
                        + d + " with size " + size);
            }
            at = at * size + (i < 0 ? i + size : i);
        }
        return data[at];
    }

    /**
     * The only element of a one-element index tensor, like {@code x.item()}.
     *
     * <pre>{@code
     * int predicted = logits.argmax(-1, false).item();   // logits of shape [C]
     * }</pre>
     *
     * @return the element
     * @throws IllegalArgumentException if {@code numel() != 1}
     */
    public int item() {
        if (data.length != 1) {
            throw new IllegalArgumentException("item: an index tensor with " + data.length
                    + " elements (shape " + Shapes.str(shape) + ") cannot be converted to a scalar");
        }
        return data[0];
    }

    /**
     * The indices in row-major order, like {@code x.flatten().tolist()}.
     *
     * <pre>{@code
     * int[] classes = logits.argmax(1, false).toArray();
     * }</pre>
     *
     * @return a new array of length {@code numel()}
     */
    public int[] toArray() {
        return data.clone();
    }

    /**
     * The same indices as float values, like {@code x.float()}; exact up to {@code 2^24}.
     *
     * <pre>{@code
     * IndexTensor.of(2, 0).toFloat()   // tensor([2., 0.])
     * }</pre>
     *
     * @return a new tensor of this shape
     */
    public Tensor toFloat() {
        float[] values = new float[data.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = data[i];
        }
        return Tensor.of(values, shape);
    }

    /**
     * The same indices in a new shape, like {@code x.reshape(...)}; one size may be {@code -1}.
     *
     * <pre>{@code
     * IndexTensor.arange(6).reshape(2, -1)   // tensor([[0, 1, 2], [3, 4, 5]])
     * }</pre>
     *
     * @param newShape the sizes; their product must equal {@code numel()}
     * @return an index tensor of shape {@code newShape}
     * @throws IllegalArgumentException if the element counts differ
     */
    public IndexTensor reshape(int... newShape) {
        return new IndexTensor(data, Shapes.reshaped("reshape", shape, data.length, newShape));
    }

    /**
     * All indices in one dimension, like {@code x.flatten()}.
     *
     * <pre>{@code
     * IndexTensor.of(new int[] {0, 1, 2, 3}, 2, 2).flatten()   // tensor([0, 1, 2, 3])
     * }</pre>
     *
     * @return an index tensor of shape {@code [numel()]}
     */
    public IndexTensor flatten() {
        return new IndexTensor(data, new int[] {data.length});
    }

    /**
     * Inserts a dimension of size 1, like {@code x.unsqueeze(dim)}: {@code labels.unsqueeze(1)}
     * is the {@code [N, 1]} index that {@link Tensor#gather} takes to pick one column per row.
     *
     * <pre>{@code
     * IndexTensor.of(3, 0, 7).unsqueeze(1)   // shape [3, 1]
     * }</pre>
     *
     * @param dim position of the new dimension in the result, {@code -(dim()+1)..dim()}
     * @return an index tensor with one more dimension
     */
    public IndexTensor unsqueeze(int dim) {
        int d = Shapes.insertionDim("unsqueeze", dim, shape.length);
        return new IndexTensor(data, Shapes.insert(shape, d, 1));
    }

    /**
     * Removes dimension {@code dim} if its size is 1, like {@code x.squeeze(dim)}.
     *
     * <pre>{@code
     * logits.argmax(1, true).squeeze(1)   // [N, 1] -> [N]
     * }</pre>
     *
     * @param dim a dimension, negative counting from the end
     * @return an index tensor without that dimension, or of the same shape if its size is not 1
     */
    public IndexTensor squeeze(int dim) {
        if (shape.length == 0) {
            Shapes.dim("squeeze", dim, 0);
            return this;
        }
        int d = Shapes.dim("squeeze", dim, shape.length);
        return shape[d] != 1 ? this : new IndexTensor(data, Shapes.remove(shape, d));
    }

    /**
     * Element-wise equality with broadcasting, as 1 and 0 floats, like
     * {@code (x == other).float()}.
     *
     * <pre>{@code
     * float accuracy = logits.argmax(1, false).eq(labels).mean().item();
     * }</pre>
     *
     * @param other indices whose shape broadcasts with this one
     * @return a new 0/1 tensor of the broadcast shape
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public Tensor eq(IndexTensor other) {
        int[] outShape = Shapes.broadcast("eq", shape, other.shape);
        int[] sa = Shapes.broadcastStrides(shape, Shapes.contiguousStrides(shape), outShape);
        int[] sb = Shapes.broadcastStrides(other.shape, Shapes.contiguousStrides(other.shape), outShape);
        float[] out = new float[Shapes.numel("eq", outShape)];
        int[] index = new int[outShape.length];
        int ia = 0;
        int ib = 0;
        for (int i = 0; i < out.length; i++) {
            out[i] = data[ia] == other.data[ib] ? 1f : 0f;
            for (int d = outShape.length - 1; d >= 0; d--) {
                ia += sa[d];
                ib += sb[d];
                if (++index[d] < outShape[d]) {
                    break;
                }
                ia -= sa[d] * outShape[d];
                ib -= sb[d] * outShape[d];
                index[d] = 0;
            }
        }
        return Tensor.of(out, outShape);
    }

    /**
     * The indices printed as PyTorch prints an integer tensor, every index right-aligned to the
     * widest (never summarised with {@code ...}).
     *
     * <pre>{@code
     * IndexTensor.of(3, 10, 7).toString()   // tensor([ 3, 10,  7])
     * IndexTensor.of(new int[] {0, 2, 1, 1}, 2, 2).toString()
     * // tensor([[0, 2],
     * //         [1, 1]])
     * }</pre>
     *
     * @return the printout
     */
    @Override
    public String toString() {
        int width = 1;
        for (int v : data) {
            width = Math.max(width, Integer.toString(v).length());
        }
        StringBuilder out = new StringBuilder("tensor(");
        append(out, 0, 0, "tensor(".length(), width);
        return out.append(')').toString();
    }

    private int append(StringBuilder out, int dim, int at, int indent, int width) {
        if (dim == shape.length) {
            String text = Integer.toString(data[at]);
            out.append(" ".repeat(width - text.length())).append(text);
            return at + 1;
        }
        out.append('[');
        for (int i = 0; i < shape[dim]; i++) {
            if (i > 0) {
                out.append(',');
                if (dim == shape.length - 1) {
                    out.append(' ');
                } else {
                    out.append('\n').append(" ".repeat(indent + dim + 1));
                }
            }
            at = append(out, dim + 1, at, indent, width);
        }
        out.append(']');
        return at;
    }

    /**
     * Equality of shape and indices.
     *
     * <pre>{@code
     * IndexTensor.of(0, 1, 2).equals(IndexTensor.arange(3))   // true
     * }</pre>
     *
     * @param obj the object to compare with
     * @return true if {@code obj} is an index tensor of equal shape and values
     */
    @Override
    public boolean equals(Object obj) {
        return this == obj || obj instanceof IndexTensor other && Arrays.equals(shape, other.shape)
                && Arrays.equals(data, other.data);
    }

    /**
     * A hash of the shape and indices, consistent with {@link #equals}.
     *
     * <pre>{@code
     * new HashSet<>(List.of(IndexTensor.of(1), IndexTensor.of(1))).size()   // 1
     * }</pre>
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }
}
