package io.cnnhomework.tensor;

import java.util.Arrays;
import java.util.Random;

/**
 * A float32 tensor of any rank that reads like PyTorch: {@code reshape}, {@code permute},
 * {@code matmul}, {@code sum(dim, keepdim)}, broadcasting by NumPy rules.
 *
 * <p>It deliberately has no convolution, pooling, softmax, cross-entropy, batch norm or autograd:
 * those are the homework. Everything here is the kind of operation the notebook takes from
 * {@code torch} itself.
 *
 * <pre>{@code
 * Tensor x = Tensor.of(new float[][] {{1, -2.5f}, {0, 3}});   // shape [2, 2]
 * Tensor y = x.clampMin(0f).add(Tensor.of(1f, 2f));            // [2, 2] + [2] broadcasts
 * float total = y.sum().item();                                 // 7.0
 * }</pre>
 *
 * <h2>Storage and views</h2>
 * A tensor is a {@code float[]} storage read through a shape, strides and an offset, all
 * row-major like PyTorch. View operations ({@link #reshape} of a contiguous tensor,
 * {@link #permute}, {@link #transpose}, {@link #select}, {@link #slice}, {@link #narrow},
 * {@link #unfold}, {@link #expand}, {@link #unsqueeze}, {@link #squeeze}) share the storage: writing through a
 * view with {@link #set}, {@link #fill}, {@link #copyFrom} or one of the {@code ...InPlace}
 * methods changes the tensor it was taken from. Every other operation returns a new, contiguous
 * tensor and leaves its operands untouched. The shape of a tensor never changes.
 *
 * <h2>Precision</h2>
 * Chosen to match PyTorch's float32 CPU results to about 1e-6:
 * <ul>
 *   <li>Element-wise arithmetic is float32: {@code a.add(b)} computes {@code a + b} as a Java
 *       {@code float}, exactly as PyTorch does.</li>
 *   <li>{@code exp}, {@code log}, {@code sqrt}, {@code pow} evaluate {@link Math} in double and
 *       round once to float, so they can differ from PyTorch's vectorised float routines by one
 *       unit in the last place. {@code pow} with exponent 2, 3, -1, -2 or 0.5 uses the same
 *       multiplications, division or square root as PyTorch and agrees exactly.</li>
 *   <li>Reductions ({@code sum}, {@code mean}, {@code var}, {@code std}) accumulate in double
 *       and round once to float; PyTorch sums in float with a different order, so results agree
 *       to rounding, not bit for bit.</li>
 *   <li>{@link #matmul} accumulates in float with fused multiply-adds, each element in the
 *       order of the plain i-k-j loop ({@code c = Math.fma(a[i][p], b[p][j], c)}, {@code p}
 *       ascending), reading its operands through their strides (a transposed view is not copied
 *       first); large products are shared between threads without changing any bit, and the
 *       Vector API kernels (with {@code --add-modules jdk.incubator.vector}) give the same bits
 *       as the plain loops that run without them. A BLAS library fuses too but sums in a
 *       different order, and a hand-written {@code c += a * b} rounds the product first, so
 *       expect relative differences around 1e-7 per accumulated term.</li>
 * </ul>
 *
 * <h2>Failures</h2>
 * Precondition failures throw {@link IllegalArgumentException}, element and position indices
 * out of range throw {@link IndexOutOfBoundsException}; both messages name the operation and
 * carry the shapes and values, e.g. {@code "add: cannot broadcast shapes [2, 3] and [4]"}.
 * Dimensions may be negative everywhere and count from the end ({@code -1} is the last), as in
 * PyTorch.
 */
public final class Tensor {

    private final float[] data;
    private final int[] shape;
    private final int[] strides;
    private final int offset;
    private final int numel;

    private Tensor(float[] data, int[] shape, int[] strides, int offset) {
        this.data = data;
        this.shape = shape;
        this.strides = strides;
        this.offset = offset;
        int n = 1;
        for (int size : shape) {
            n *= size;
        }
        this.numel = n;
    }

    /** A contiguous tensor owning {@code data}; the shape has been validated by the caller. */
    private static Tensor wrap(float[] data, int[] shape) {
        return new Tensor(data, shape, Shapes.contiguousStrides(shape), 0);
    }

    /** A view of this tensor's storage. */
    private Tensor view(int[] newShape, int[] newStrides, int newOffset) {
        return new Tensor(data, newShape, newStrides, newOffset);
    }

    // ---------------------------------------------------------------------------------------
    // Creation
    // ---------------------------------------------------------------------------------------

    /**
     * A 1-D tensor holding a copy of {@code values}.
     *
     * <pre>{@code
     * Tensor.of(1f, 2f, 3f)   // shape [3]: tensor([1., 2., 3.])
     * }</pre>
     *
     * @param values the elements; copied
     * @return a tensor of shape {@code [values.length]}
     */
    public static Tensor of(float... values) {
        return wrap(values.clone(), new int[] {values.length});
    }

    /**
     * A tensor of the given shape holding a copy of {@code data} in row-major order.
     *
     * <pre>{@code
     * Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3)   // [[1, 2, 3], [4, 5, 6]], shape [2, 3]
     * Tensor.of(new float[] {7})                        // shape [] is not this: see scalar(7)
     * }</pre>
     *
     * @param data  the elements in row-major order; copied; its length must equal the product of
     *              {@code shape}
     * @param shape the sizes, none negative; an empty shape makes a 0-d tensor of one element
     * @return a contiguous tensor of shape {@code shape}
     * @throws IllegalArgumentException if the length does not match the shape
     */
    public static Tensor of(float[] data, int... shape) {
        int n = Shapes.numel("of", shape);
        if (data.length != n) {
            throw new IllegalArgumentException("of: " + data.length + " values do not fill shape "
                    + Shapes.str(shape) + " (" + n + " elements)");
        }
        return wrap(data.clone(), shape.clone());
    }

    /**
     * A 2-D tensor from rows of equal length.
     *
     * <pre>{@code
     * Tensor.of(new float[][] {{1, 2}, {3, 4}, {5, 6}})   // shape [3, 2]
     * }</pre>
     *
     * @param rows the rows; copied
     * @return a tensor of shape {@code [rows.length, rows[0].length]} ({@code [0, 0]} if empty)
     * @throws IllegalArgumentException if the rows differ in length
     */
    public static Tensor of(float[][] rows) {
        int columns = rows.length == 0 ? 0 : rows[0].length;
        float[] data = new float[Shapes.numel("of", new int[] {rows.length, columns})];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != columns) {
                throw new IllegalArgumentException("of: row " + r + " has " + rows[r].length
                        + " values but row 0 has " + columns);
            }
            System.arraycopy(rows[r], 0, data, r * columns, columns);
        }
        return wrap(data, new int[] {rows.length, columns});
    }

    /**
     * A 0-d tensor (shape {@code []}), like {@code torch.tensor(0.5)}.
     *
     * <pre>{@code
     * Tensor.scalar(0.5f)   // tensor(0.5000), dim() == 0, numel() == 1
     * }</pre>
     *
     * @param value the single element
     * @return a tensor of shape {@code []}
     */
    public static Tensor scalar(float value) {
        return wrap(new float[] {value}, new int[0]);
    }

    /**
     * A tensor of zeros.
     *
     * <pre>{@code
     * Tensor.zeros(2, 3)   // shape [2, 3], all 0
     * }</pre>
     *
     * @param shape the sizes, none negative
     * @return a new tensor of shape {@code shape}
     */
    public static Tensor zeros(int... shape) {
        return wrap(new float[Shapes.numel("zeros", shape)], shape.clone());
    }

    /**
     * A tensor of ones.
     *
     * <pre>{@code
     * Tensor.ones(4)   // tensor([1., 1., 1., 1.])
     * }</pre>
     *
     * @param shape the sizes, none negative
     * @return a new tensor of shape {@code shape}
     */
    public static Tensor ones(int... shape) {
        return full(1f, shape);
    }

    /**
     * A tensor with every element equal to {@code value}.
     *
     * <pre>{@code
     * Tensor.full(0.5f, 2, 2)   // [[0.5, 0.5], [0.5, 0.5]]
     * }</pre>
     *
     * @param value the fill value
     * @param shape the sizes, none negative
     * @return a new tensor of shape {@code shape}
     */
    public static Tensor full(float value, int... shape) {
        float[] data = new float[Shapes.numel("full", shape)];
        Arrays.fill(data, value);
        return wrap(data, shape.clone());
    }

    /**
     * {@code 0, 1, ..., end - 1} as floats, like {@code torch.arange(end)}.
     *
     * <pre>{@code
     * Tensor.arange(4)   // tensor([0., 1., 2., 3.]), shape [4]
     * }</pre>
     *
     * @param end exclusive upper bound, not negative
     * @return a tensor of shape {@code [end]}
     */
    public static Tensor arange(int end) {
        if (end < 0) {
            throw new IllegalArgumentException("arange: end must not be negative, got " + end);
        }
        float[] data = new float[end];
        for (int i = 0; i < end; i++) {
            data[i] = i;
        }
        return wrap(data, new int[] {end});
    }

    /**
     * {@code start, start + step, ...} up to but excluding {@code end}, like
     * {@code torch.arange(start, end, step)}: {@code ceil((end - start) / step)} elements, element
     * {@code i} being {@code start + i * step} computed in double and rounded to float.
     *
     * <pre>{@code
     * Tensor.arange(0f, 1f, 0.25f)   // tensor([0.0000, 0.2500, 0.5000, 0.7500])
     * Tensor.arange(3f, 0f, -1f)     // tensor([3., 2., 1.])
     * }</pre>
     *
     * @param start first value
     * @param end   exclusive bound
     * @param step  nonzero increment whose sign leads from {@code start} towards {@code end}
     * @return a 1-D tensor
     */
    public static Tensor arange(float start, float end, float step) {
        if (step == 0f || !Float.isFinite(start) || !Float.isFinite(end) || !Float.isFinite(step)) {
            throw new IllegalArgumentException("arange: start, end and step must be finite and step"
                    + " nonzero, got start " + start + ", end " + end + ", step " + step);
        }
        double count = Math.ceil(((double) end - start) / step);
        if (count < 0) {
            throw new IllegalArgumentException("arange: step " + step + " leads away from end " + end
                    + " when starting at " + start);
        }
        if (count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("arange: " + count + " elements are too many");
        }
        float[] data = new float[(int) count];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (start + (double) step * i);
        }
        return wrap(data, new int[] {data.length});
    }

    /**
     * The {@code n × n} identity matrix.
     *
     * <pre>{@code
     * Tensor.eye(2)   // [[1, 0], [0, 1]]
     * }</pre>
     *
     * @param n number of rows and columns, not negative
     * @return a tensor of shape {@code [n, n]}
     */
    public static Tensor eye(int n) {
        Tensor eye = zeros(n, n);
        for (int i = 0; i < n; i++) {
            eye.data[i * n + i] = 1f;
        }
        return eye;
    }

    /**
     * Uniform random values in {@code [0, 1)} from {@link Random#nextFloat()}, drawn in row-major
     * order, so the same seed gives the same tensor.
     *
     * <pre>{@code
     * Tensor w = Tensor.rand(new Random(1), 3, 2);   // shape [3, 2]
     * }</pre>
     *
     * @param random the source of randomness
     * @param shape  the sizes, none negative
     * @return a new tensor of shape {@code shape}
     */
    public static Tensor rand(Random random, int... shape) {
        float[] data = new float[Shapes.numel("rand", shape)];
        for (int i = 0; i < data.length; i++) {
            data[i] = random.nextFloat();
        }
        return wrap(data, shape.clone());
    }

    /**
     * Standard normal values from {@link Random#nextGaussian()}, rounded to float, drawn in
     * row-major order.
     *
     * <pre>{@code
     * Tensor noise = Tensor.randn(new Random(1), 2, 3);   // shape [2, 3]
     * }</pre>
     *
     * @param random the source of randomness
     * @param shape  the sizes, none negative
     * @return a new tensor of shape {@code shape}
     */
    public static Tensor randn(Random random, int... shape) {
        float[] data = new float[Shapes.numel("randn", shape)];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) random.nextGaussian();
        }
        return wrap(data, shape.clone());
    }

    /**
     * One-hot rows, as the notebook's {@code one_hot_encoding(y, num_classes)}: row {@code i} has
     * a 1 in column {@code labels[i]} and 0 elsewhere.
     *
     * <pre>{@code
     * Tensor.oneHot(new int[] {1, 0, 2}, 3)   // [[0, 1, 0], [1, 0, 0], [0, 0, 1]], shape [3, 3]
     * }</pre>
     *
     * @param labels     class indices, each in {@code [0, numClasses)}
     * @param numClasses number of columns
     * @return a tensor of shape {@code [labels.length, numClasses]}
     * @throws IndexOutOfBoundsException if a label is outside {@code [0, numClasses)}
     */
    public static Tensor oneHot(int[] labels, int numClasses) {
        Tensor out = zeros(labels.length, numClasses);
        for (int i = 0; i < labels.length; i++) {
            int label = labels[i];
            if (label < 0 || label >= numClasses) {
                throw new IndexOutOfBoundsException("oneHot: label " + label + " at position " + i
                        + " is outside [0, " + numClasses + ")");
            }
            out.data[i * numClasses + label] = 1f;
        }
        return out;
    }

    /**
     * Picks from {@code a} where {@code condition} is nonzero and from {@code b} elsewhere, like
     * {@code torch.where}; the three shapes broadcast together.
     *
     * <pre>{@code
     * Tensor x = Tensor.of(-1f, 2f, -3f);
     * Tensor.where(x.gt(0), x, Tensor.scalar(0))   // tensor([0., 2., 0.]): a ReLU
     * }</pre>
     *
     * @param condition mask, nonzero meaning true (NaN counts as true)
     * @param a         values where the mask is true
     * @param b         values where the mask is false
     * @return a new tensor of the broadcast shape of all three
     */
    public static Tensor where(Tensor condition, Tensor a, Tensor b) {
        int[] outShape = Shapes.broadcast("where",
                Shapes.broadcast("where", condition.shape, a.shape), b.shape);
        float[] c = condition.broadcastTo(outShape).toArray();
        float[] va = a.broadcastTo(outShape).toArray();
        float[] vb = b.broadcastTo(outShape).toArray();
        for (int i = 0; i < c.length; i++) {
            c[i] = c[i] != 0f ? va[i] : vb[i];
        }
        return wrap(c, outShape);
    }

    /**
     * Zeros of this tensor's shape.
     *
     * <pre>{@code
     * Tensor grad = weight.zerosLike();   // same shape as weight, all 0
     * }</pre>
     *
     * @return a new contiguous tensor
     */
    public Tensor zerosLike() {
        return zeros(shape);
    }

    /**
     * Ones of this tensor's shape.
     *
     * <pre>{@code
     * Tensor gamma = Tensor.zeros(8).onesLike();   // tensor of eight 1s
     * }</pre>
     *
     * @return a new contiguous tensor
     */
    public Tensor onesLike() {
        return ones(shape);
    }

    // ---------------------------------------------------------------------------------------
    // Inspection
    // ---------------------------------------------------------------------------------------

    /**
     * The sizes of the dimensions, like {@code x.shape}.
     *
     * <pre>{@code
     * Tensor.zeros(2, 3).shape()   // {2, 3}
     * }</pre>
     *
     * @return a copy; changing it does not change the tensor
     */
    public int[] shape() {
        return shape.clone();
    }

    /**
     * The number of dimensions (rank), like {@code x.dim()}.
     *
     * <pre>{@code
     * Tensor.zeros(2, 3).dim()    // 2
     * Tensor.scalar(1f).dim()     // 0
     * }</pre>
     *
     * @return 0 for a scalar
     */
    public int dim() {
        return shape.length;
    }

    /**
     * The size of one dimension, like {@code x.size(dim)} or {@code x.shape[dim]}.
     *
     * <pre>{@code
     * Tensor.zeros(2, 3).size(-1)   // 3
     * }</pre>
     *
     * @param dim a dimension, negative counting from the end
     * @return its size
     */
    public int size(int dim) {
        return shape[Shapes.dim("size", dim, shape.length)];
    }

    /**
     * The number of elements, the product of the shape.
     *
     * <pre>{@code
     * Tensor.zeros(2, 3).numel()   // 6
     * }</pre>
     *
     * @return 1 for a scalar
     */
    public int numel() {
        return numel;
    }

    /**
     * Whether the elements lie in row-major order without gaps, as PyTorch's
     * {@code is_contiguous()}. Transposed, expanded and stepped views are not.
     *
     * <pre>{@code
     * Tensor x = Tensor.zeros(2, 3);
     * x.isContiguous()       // true
     * x.t().isContiguous()   // false
     * }</pre>
     *
     * @return true if the storage is read in row-major order
     */
    public boolean isContiguous() {
        int expected = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] == 1) {
                continue;
            }
            if (strides[d] != expected) {
                return false;
            }
            expected *= shape[d];
        }
        return true;
    }

    /**
     * Whether {@code other} has exactly this shape (no broadcasting).
     *
     * <pre>{@code
     * Tensor.zeros(2, 3).sameShape(Tensor.ones(2, 3))   // true
     * Tensor.zeros(2, 3).sameShape(Tensor.ones(3))      // false
     * }</pre>
     *
     * @param other the tensor to compare with
     * @return true if the shapes are equal
     */
    public boolean sameShape(Tensor other) {
        return Arrays.equals(shape, other.shape);
    }

    /**
     * One element, like {@code x[i, j].item()}.
     *
     * <pre>{@code
     * Tensor x = Tensor.of(new float[][] {{1, 2}, {3, 4}});
     * x.get(1, 0)    // 3.0
     * x.get(-1, -1)  // 4.0
     * }</pre>
     *
     * @param index one index per dimension, negative counting from the end; none for a scalar
     * @return the element
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public float get(int... index) {
        return data[storageIndex("get", index)];
    }

    /**
     * Writes one element, like {@code x[i, j] = value}. Writes through views into the shared
     * storage.
     *
     * <pre>{@code
     * Tensor x = Tensor.zeros(2, 2);
     * x.set(5f, 0, 1);   // [[0, 5], [0, 0]]
     * }</pre>
     *
     * @param value the new value
     * @param index one index per dimension, negative counting from the end
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public void set(float value, int... index) {
        data[storageIndex("set", index)] = value;
    }

    private int storageIndex(String op, int[] index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException(op + ": expected " + shape.length
                    + " indices for shape " + Shapes.str(shape) + ", got " + Arrays.toString(index));
        }
        int at = offset;
        for (int d = 0; d < index.length; d++) {
            at += checkIndex(op, index[d], d) * strides[d];
        }
        return at;
    }

    private int checkIndex(String op, int index, int dim) {
        int size = shape[dim];
        if (index < -size || index >= size) {
            throw new IndexOutOfBoundsException(op + ": index " + index
                    + " is out of bounds for dimension " + dim + " with size " + size);
        }
        return index < 0 ? index + size : index;
    }

    /**
     * The only element of a one-element tensor, like {@code x.item()}.
     *
     * <pre>{@code
     * float loss = prediction.sub(target).square().mean().item();
     * }</pre>
     *
     * @return the element
     * @throws IllegalArgumentException if {@code numel() != 1}
     */
    public float item() {
        if (numel != 1) {
            throw new IllegalArgumentException("item: a tensor with " + numel
                    + " elements (shape " + Shapes.str(shape) + ") cannot be converted to a scalar");
        }
        return data[offset];
    }

    /**
     * The elements in row-major order, like {@code x.flatten().tolist()}.
     *
     * <pre>{@code
     * Tensor.of(new float[][] {{1, 2}, {3, 4}}).t().toArray()   // {1, 3, 2, 4}
     * }</pre>
     *
     * @return a new array of length {@code numel()}
     */
    public float[] toArray() {
        float[] out = FreshArrays.floats(numel);
        if (isContiguous()) {
            System.arraycopy(data, offset, out, 0, numel);
        } else {
            Strided.copy(shape, data, strides, offset, out, Shapes.contiguousStrides(shape), 0);
        }
        return out;
    }

    /**
     * A deep, contiguous copy, PyTorch's {@code clone()}: writing to it never affects this tensor.
     *
     * <pre>{@code
     * Tensor cache = x.copy();
     * }</pre>
     *
     * @return a new tensor of the same shape
     */
    public Tensor copy() {
        return wrap(toArray(), shape.clone());
    }

    /**
     * This tensor if it is already contiguous, otherwise a contiguous copy, like
     * {@code x.contiguous()}.
     *
     * <pre>{@code
     * Tensor xt = x.t().contiguous();   // row-major copy of the transpose
     * }</pre>
     *
     * @return a contiguous tensor with the same elements
     */
    public Tensor contiguous() {
        return isContiguous() ? this : copy();
    }

    // ---------------------------------------------------------------------------------------
    // Views and shape changes
    // ---------------------------------------------------------------------------------------

    /**
     * The same elements in a new shape, like {@code x.reshape(...)}. One size may be {@code -1}
     * and is inferred. Returns a view sharing storage when this tensor is contiguous, otherwise a
     * copy.
     *
     * <pre>{@code
     * Tensor x = Tensor.arange(6);   // shape [6]
     * x.reshape(2, 3)                // shape [2, 3], a view
     * x.reshape(-1, 2)               // shape [3, 2]
     * }</pre>
     *
     * @param newShape the sizes; their product must equal {@code numel()}
     * @return a tensor of shape {@code newShape}
     * @throws IllegalArgumentException if the element counts differ, or for more than one -1
     */
    public Tensor reshape(int... newShape) {
        int[] resolved = Shapes.reshaped("reshape", shape, numel, newShape);
        Tensor source = contiguous();
        return new Tensor(source.data, resolved, Shapes.contiguousStrides(resolved), source.offset);
    }

    /**
     * All elements in one dimension, like {@code x.flatten()}; a 0-d tensor becomes shape
     * {@code [1]}.
     *
     * <pre>{@code
     * Tensor.zeros(2, 3, 4).flatten()   // shape [24]
     * }</pre>
     *
     * @return a view when contiguous, otherwise a copy
     */
    public Tensor flatten() {
        return reshape(-1);
    }

    /**
     * Merges dimensions {@code startDim..} into one, like {@code torch.flatten(x, startDim)};
     * {@code flatten(1)} is what {@code nn.Flatten()} does to a batch.
     *
     * <pre>{@code
     * Tensor.zeros(8, 4, 5, 5).flatten(1)   // shape [8, 100]
     * }</pre>
     *
     * @param startDim first merged dimension, negative counting from the end
     * @return a view when contiguous, otherwise a copy
     */
    public Tensor flatten(int startDim) {
        if (shape.length == 0) {
            Shapes.dim("flatten", startDim, 0);
            return reshape(1);
        }
        int start = Shapes.dim("flatten", startDim, shape.length);
        int[] newShape = Arrays.copyOf(shape, start + 1);
        newShape[start] = -1;
        if (numel == 0) {
            int merged = 1;
            for (int d = start; d < shape.length; d++) {
                merged *= shape[d];
            }
            newShape[start] = merged;
        }
        return reshape(newShape);
    }

    /**
     * Inserts a dimension of size 1, like {@code x.unsqueeze(dim)}.
     *
     * <pre>{@code
     * Tensor.zeros(3).unsqueeze(0)    // shape [1, 3]
     * Tensor.zeros(3).unsqueeze(-1)   // shape [3, 1]
     * }</pre>
     *
     * @param dim position of the new dimension in the result, {@code -(dim()+1)..dim()}
     * @return a view
     */
    public Tensor unsqueeze(int dim) {
        int d = Shapes.insertionDim("unsqueeze", dim, shape.length);
        int stride = d < shape.length ? strides[d] * Math.max(shape[d], 1) : 1;
        return view(Shapes.insert(shape, d, 1), Shapes.insert(strides, d, stride), offset);
    }

    /**
     * Removes dimension {@code dim} if its size is 1, like {@code x.squeeze(dim)}; otherwise
     * returns a view of the same shape.
     *
     * <pre>{@code
     * Tensor.zeros(2, 1, 3).squeeze(1)   // shape [2, 3]
     * Tensor.zeros(2, 1, 3).squeeze(0)   // shape [2, 1, 3] (size 2 is kept)
     * }</pre>
     *
     * @param dim a dimension, negative counting from the end
     * @return a view
     */
    public Tensor squeeze(int dim) {
        if (shape.length == 0) {
            Shapes.dim("squeeze", dim, 0);
            return view(shape, strides, offset);
        }
        int d = Shapes.dim("squeeze", dim, shape.length);
        if (shape[d] != 1) {
            return view(shape, strides, offset);
        }
        return view(Shapes.remove(shape, d), Shapes.remove(strides, d), offset);
    }

    /**
     * Removes every dimension of size 1, like {@code x.squeeze()}.
     *
     * <pre>{@code
     * Tensor.zeros(1, 3, 1).squeeze()   // shape [3]
     * }</pre>
     *
     * @return a view
     */
    public Tensor squeeze() {
        int kept = 0;
        for (int size : shape) {
            kept += size == 1 ? 0 : 1;
        }
        int[] newShape = new int[kept];
        int[] newStrides = new int[kept];
        int k = 0;
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] != 1) {
                newShape[k] = shape[d];
                newStrides[k++] = strides[d];
            }
        }
        return view(newShape, newStrides, offset);
    }

    /**
     * Reorders the dimensions, like {@code x.permute(dims)}: dimension {@code i} of the result
     * is dimension {@code dims[i]} of this tensor.
     *
     * <pre>{@code
     * Tensor nchw = Tensor.zeros(8, 5, 5, 3).permute(0, 3, 1, 2);   // shape [8, 3, 5, 5]
     * }</pre>
     *
     * @param dims a permutation of {@code 0..dim()-1}, entries may be negative
     * @return a view (not contiguous unless the permutation is trivial)
     * @throws IllegalArgumentException if {@code dims} is not a permutation
     */
    public Tensor permute(int... dims) {
        int rank = shape.length;
        if (dims.length != rank) {
            throw new IllegalArgumentException("permute: expected " + rank + " dims for shape "
                    + Shapes.str(shape) + ", got " + Arrays.toString(dims));
        }
        int[] newShape = new int[rank];
        int[] newStrides = new int[rank];
        boolean[] seen = new boolean[rank];
        for (int i = 0; i < rank; i++) {
            int d = Shapes.dim("permute", dims[i], rank);
            if (seen[d]) {
                throw new IllegalArgumentException("permute: dims " + Arrays.toString(dims)
                        + " are not a permutation of 0.." + (rank - 1));
            }
            seen[d] = true;
            newShape[i] = shape[d];
            newStrides[i] = strides[d];
        }
        return view(newShape, newStrides, offset);
    }

    /**
     * Swaps two dimensions, like {@code x.transpose(dim0, dim1)}.
     *
     * <pre>{@code
     * Tensor.zeros(2, 3, 4).transpose(0, -1)   // shape [4, 3, 2]
     * }</pre>
     *
     * @param dim0 a dimension, negative counting from the end
     * @param dim1 another (or the same) dimension
     * @return a view
     */
    public Tensor transpose(int dim0, int dim1) {
        int d0 = Shapes.dim("transpose", dim0, shape.length);
        int d1 = Shapes.dim("transpose", dim1, shape.length);
        if (shape.length == 0) {
            return view(shape, strides, offset);
        }
        int[] newShape = shape.clone();
        int[] newStrides = strides.clone();
        newShape[d0] = shape[d1];
        newShape[d1] = shape[d0];
        newStrides[d0] = strides[d1];
        newStrides[d1] = strides[d0];
        return view(newShape, newStrides, offset);
    }

    /**
     * The matrix transpose, like {@code x.t()} or {@code x.T} of a 2-D tensor. As in PyTorch, 0-d
     * and 1-D tensors are returned unchanged (as a view).
     *
     * <pre>{@code
     * Tensor.zeros(2, 3).t()   // shape [3, 2]
     * }</pre>
     *
     * @return a view
     * @throws IllegalArgumentException for more than 2 dimensions
     */
    public Tensor t() {
        if (shape.length > 2) {
            throw new IllegalArgumentException("t: expects a tensor with at most 2 dimensions, got "
                    + Shapes.str(shape) + "; use transpose(dim0, dim1) or permute(...)");
        }
        return shape.length < 2 ? view(shape, strides, offset) : transpose(0, 1);
    }

    /**
     * Fixes one index and removes that dimension, like {@code x[:, index]} for
     * {@code select(1, index)}.
     *
     * <pre>{@code
     * Tensor batch = Tensor.zeros(8, 3, 5, 5);
     * batch.select(0, 2)    // image 2: shape [3, 5, 5]
     * batch.select(1, -1)   // last channel of every image: shape [8, 5, 5]
     * }</pre>
     *
     * @param dim   a dimension, negative counting from the end
     * @param index position along it, negative counting from the end
     * @return a view with one dimension less
     * @throws IndexOutOfBoundsException if the index is out of range
     */
    public Tensor select(int dim, int index) {
        if (shape.length == 0) {
            throw new IllegalArgumentException("select: cannot select from a 0-d tensor");
        }
        int d = Shapes.dim("select", dim, shape.length);
        int i = checkIndex("select", index, d);
        return view(Shapes.remove(shape, d), Shapes.remove(strides, d), offset + i * strides[d]);
    }

    /**
     * Elements {@code start..end-1} along {@code dim}, like {@code x[:, start:end]} for
     * {@code slice(1, start, end)}. As in Python, negative bounds count from the end and bounds
     * beyond the size are clamped.
     *
     * <pre>{@code
     * Tensor x = Tensor.arange(10);
     * x.slice(0, 2, 5)     // tensor([2., 3., 4.])
     * x.slice(0, -3, 10)   // tensor([7., 8., 9.])
     * }</pre>
     *
     * @param dim   a dimension, negative counting from the end
     * @param start first index (inclusive)
     * @param end   last index (exclusive)
     * @return a view
     */
    public Tensor slice(int dim, int start, int end) {
        return slice(dim, start, end, 1);
    }

    /**
     * Every {@code step}-th element of {@code start..end-1} along {@code dim}, like
     * {@code x[start:end:step]}. Bounds follow Python's slicing rules.
     *
     * <pre>{@code
     * Tensor.arange(10).slice(0, 1, 10, 3)   // tensor([1., 4., 7.])
     * image.slice(-1, 0, 5, 2)               // every other column, as a stride-2 window would read
     * }</pre>
     *
     * @param dim   a dimension, negative counting from the end
     * @param start first index (inclusive)
     * @param end   bound (exclusive)
     * @param step  positive step
     * @return a view
     */
    public Tensor slice(int dim, int start, int end, int step) {
        if (shape.length == 0) {
            throw new IllegalArgumentException("slice: cannot slice a 0-d tensor");
        }
        if (step <= 0) {
            throw new IllegalArgumentException("slice: step must be positive, got " + step);
        }
        int d = Shapes.dim("slice", dim, shape.length);
        int size = shape[d];
        int from = clampBound(start, size);
        int to = Math.max(from, clampBound(end, size));
        int length = (to - from + step - 1) / step;
        int[] newShape = shape.clone();
        int[] newStrides = strides.clone();
        newShape[d] = length;
        newStrides[d] = strides[d] * step;
        return view(newShape, newStrides, offset + (length == 0 ? 0 : from * strides[d]));
    }

    private static int clampBound(int bound, int size) {
        int b = bound < 0 ? bound + size : bound;
        return Math.max(0, Math.min(size, b));
    }

    /**
     * {@code length} elements from {@code start} along {@code dim}, like
     * {@code x.narrow(dim, start, length)}.
     *
     * <pre>{@code
     * Tensor.zeros(4, 6).narrow(1, 2, 3)   // columns 2..4: shape [4, 3]
     * }</pre>
     *
     * @param dim    a dimension, negative counting from the end
     * @param start  first index, negative counting from the end
     * @param length number of elements, not negative
     * @return a view
     * @throws IndexOutOfBoundsException if the range does not fit in the dimension
     */
    public Tensor narrow(int dim, int start, int length) {
        if (shape.length == 0) {
            throw new IllegalArgumentException("narrow: cannot narrow a 0-d tensor");
        }
        int d = Shapes.dim("narrow", dim, shape.length);
        int size = shape[d];
        int from = start < 0 && start >= -size ? start + size : start;
        if (from < 0 || length < 0 || from > size || length > size - from) {
            throw new IndexOutOfBoundsException("narrow: start " + start + " and length " + length
                    + " do not fit in dimension " + d + " of shape " + Shapes.str(shape));
        }
        int[] newShape = shape.clone();
        newShape[d] = length;
        return view(newShape, strides.clone(), offset + (length == 0 ? 0 : from * strides[d]));
    }

    /**
     * Every window of {@code size} elements along {@code dim}, {@code step} apart, as a view, like
     * {@code x.unfold(dim, size, step)}: dimension {@code dim} becomes the number of windows,
     * {@code (shape[dim] - size) / step + 1}, and a new last dimension of length {@code size}
     * runs through each window. Nothing is copied; with {@code step < size} the windows share
     * elements, so the view cannot be written in place. A 0-d tensor gives shape {@code [size]}.
     *
     * <pre>{@code
     * Tensor.arange(7).unfold(0, 3, 2)   // shape [3, 3]: [[0, 1, 2], [2, 3, 4], [4, 5, 6]]
     * Tensor x = Tensor.zeros(8, 3, 10, 10);             // a padded batch
     * x.unfold(2, 3, 1).unfold(3, 3, 1)                  // shape [8, 3, 8, 8, 3, 3]: every 3 x 3
     *                                                    // window of every image and channel
     * }</pre>
     *
     * @param dim  the dimension to cut into windows, negative counting from the end
     * @param size the window length, {@code 0..shape[dim]}
     * @param step the distance between the starts of two windows, positive
     * @return a view of shape {@code shape} with {@code shape[dim]} replaced by the number of
     *         windows and {@code size} appended
     * @throws IllegalArgumentException if the step is not positive or the window does not fit
     */
    public Tensor unfold(int dim, int size, int step) {
        int rank = shape.length;
        int d = Shapes.dim("unfold", dim, rank);
        int length = rank == 0 ? 1 : shape[d];
        if (step <= 0) {
            throw new IllegalArgumentException("unfold: step must be positive, got " + step);
        }
        if (size < 0 || size > length) {
            throw new IllegalArgumentException("unfold: size " + size + " does not fit in dimension " + d
                    + " of shape " + Shapes.str(shape) + " (at most " + length + ")");
        }
        int[] newShape = Arrays.copyOf(shape, rank + 1);
        int[] newStrides = Arrays.copyOf(strides, rank + 1);
        newShape[rank] = size;
        newStrides[rank] = rank == 0 ? 1 : strides[d];
        if (rank > 0) {
            newShape[d] = (length - size) / step + 1;
            newStrides[d] = strides[d] * step;
        }
        return view(newShape, newStrides, offset);
    }

    /**
     * A broadcast view, like {@code x.expand(...)}: size-1 dimensions repeat (stride 0), new
     * leading dimensions may be added, and {@code -1} keeps a size. No data is copied, so the
     * result must not be written in place.
     *
     * <pre>{@code
     * Tensor bias = Tensor.of(1f, 2f, 3f);   // shape [3]
     * bias.expand(4, -1)                     // shape [4, 3], every row [1, 2, 3]
     * }</pre>
     *
     * @param newShape target sizes, at least {@code dim()} of them
     * @return a view of shape {@code newShape}
     * @throws IllegalArgumentException if a non-1 size would have to change
     */
    public Tensor expand(int... newShape) {
        int shift = newShape.length - shape.length;
        if (shift < 0) {
            throw new IllegalArgumentException("expand: cannot expand " + Shapes.str(shape) + " to "
                    + Shapes.str(newShape) + ": fewer dimensions");
        }
        int[] outShape = new int[newShape.length];
        int[] outStrides = new int[newShape.length];
        for (int i = 0; i < newShape.length; i++) {
            int target = newShape[i];
            if (i < shift) {
                if (target < 0) {
                    throw new IllegalArgumentException("expand: cannot expand " + Shapes.str(shape)
                            + " to " + Shapes.str(newShape) + ": size " + target + " for a new dimension");
                }
                outShape[i] = target;
                continue;
            }
            int d = i - shift;
            if (target == -1 || target == shape[d]) {
                outShape[i] = shape[d];
                outStrides[i] = strides[d];
            } else if (shape[d] == 1 && target >= 0) {
                outShape[i] = target;
            } else {
                throw new IllegalArgumentException("expand: cannot expand " + Shapes.str(shape)
                        + " to " + Shapes.str(newShape));
            }
        }
        Shapes.numel("expand", outShape);
        return view(outShape, outStrides, offset);
    }

    /** Broadcast view to a shape already known to be compatible. */
    private Tensor broadcastTo(int[] target) {
        if (Arrays.equals(shape, target)) {
            return this;
        }
        return view(target.clone(), Shapes.broadcastStrides(shape, strides, target), offset);
    }

    /**
     * Zero padding with {@code torch.nn.functional.pad} semantics: {@code pads} holds
     * (before, after) pairs starting from the last dimension, so {@code pad(1, 1, 2, 2)} adds one
     * column left and right and two rows above and below. Negative amounts crop, as in PyTorch.
     *
     * <pre>{@code
     * Tensor x = Tensor.zeros(8, 3, 5, 5);
     * x.pad(1, 1, 1, 1)   // shape [8, 3, 7, 7]: what Conv2d(padding=1) sees
     * }</pre>
     *
     * @param pads an even number of amounts, at most {@code 2 * dim()}
     * @return a new contiguous tensor
     */
    public Tensor pad(int... pads) {
        if (pads.length % 2 != 0 || pads.length / 2 > shape.length) {
            throw new IllegalArgumentException("pad: expected an even number of pads, at most "
                    + 2 * shape.length + " for shape " + Shapes.str(shape) + ", got "
                    + Arrays.toString(pads));
        }
        int[] outShape = shape.clone();
        int[] before = new int[shape.length];
        for (int p = 0; p < pads.length / 2; p++) {
            int d = shape.length - 1 - p;
            before[d] = pads[2 * p];
            outShape[d] = shape[d] + pads[2 * p] + pads[2 * p + 1];
            if (outShape[d] < 0) {
                throw new IllegalArgumentException("pad: padding " + Arrays.toString(pads)
                        + " makes dimension " + d + " of shape " + Shapes.str(shape) + " negative");
            }
        }
        Tensor out = zeros(outShape);
        Tensor target = out;
        Tensor source = this;
        for (int d = 0; d < shape.length; d++) {
            int inStart = Math.max(0, -before[d]);
            int outStart = Math.max(0, before[d]);
            int length = Math.max(0, Math.min(shape[d] - inStart, outShape[d] - outStart));
            source = source.narrow(d, inStart, length);
            target = target.narrow(d, outStart, length);
        }
        target.copyFrom(source);
        return out;
    }

    /**
     * Joins tensors along an existing dimension, like {@code torch.cat(tensors, dim)}. All must
     * have the same shape except in {@code dim}.
     *
     * <pre>{@code
     * Tensor.cat(0, Tensor.zeros(2, 3), Tensor.ones(4, 3))   // shape [6, 3]
     * }</pre>
     *
     * @param dim     the joined dimension, negative counting from the end
     * @param tensors at least one tensor
     * @return a new contiguous tensor
     */
    public static Tensor cat(int dim, Tensor... tensors) {
        if (tensors.length == 0) {
            throw new IllegalArgumentException("cat: expected at least one tensor");
        }
        int[] first = tensors[0].shape;
        if (first.length == 0) {
            throw new IllegalArgumentException("cat: 0-d tensors cannot be concatenated; use stack");
        }
        int d = Shapes.dim("cat", dim, first.length);
        int[] outShape = first.clone();
        outShape[d] = 0;
        for (int i = 0; i < tensors.length; i++) {
            int[] s = tensors[i].shape;
            boolean compatible = s.length == first.length;
            for (int k = 0; compatible && k < s.length; k++) {
                compatible = k == d || s[k] == first[k];
            }
            if (!compatible) {
                throw new IllegalArgumentException("cat: tensor " + i + " has shape " + Shapes.str(s)
                        + " but tensor 0 has " + Shapes.str(first) + "; only dimension " + d
                        + " may differ");
            }
            outShape[d] += s[d];
        }
        Tensor out = zeros(outShape);
        int at = 0;
        for (Tensor t : tensors) {
            out.narrow(d, at, t.shape[d]).copyFrom(t);
            at += t.shape[d];
        }
        return out;
    }

    /**
     * Joins equally shaped tensors along a new dimension, like {@code torch.stack(tensors, dim)}.
     *
     * <pre>{@code
     * Tensor.stack(0, Tensor.zeros(3), Tensor.ones(3))   // shape [2, 3]
     * Tensor.stack(1, Tensor.zeros(3), Tensor.ones(3))   // shape [3, 2]
     * }</pre>
     *
     * @param dim     position of the new dimension in the result, {@code -(dim()+1)..dim()}
     * @param tensors at least one tensor, all of the same shape
     * @return a new contiguous tensor
     */
    public static Tensor stack(int dim, Tensor... tensors) {
        if (tensors.length == 0) {
            throw new IllegalArgumentException("stack: expected at least one tensor");
        }
        int[] first = tensors[0].shape;
        int d = Shapes.insertionDim("stack", dim, first.length);
        Tensor[] expanded = new Tensor[tensors.length];
        for (int i = 0; i < tensors.length; i++) {
            if (!Arrays.equals(tensors[i].shape, first)) {
                throw new IllegalArgumentException("stack: tensor " + i + " has shape "
                        + Shapes.str(tensors[i].shape) + " but tensor 0 has " + Shapes.str(first));
            }
            expanded[i] = tensors[i].unsqueeze(d);
        }
        return cat(d, expanded);
    }

    // ---------------------------------------------------------------------------------------
    // Element-wise arithmetic
    // ---------------------------------------------------------------------------------------

    private Tensor binary(Strided.BinaryOp op, Tensor other) {
        int[] outShape = Shapes.broadcast(op.opName(), shape, other.shape);
        float[] out = FreshArrays.floats(Shapes.numel(op.opName(), outShape));
        float[] a = data;
        float[] b = other.data;
        if (Arrays.equals(shape, other.shape) && isContiguous() && other.isContiguous()) {
            op.contiguous(a, offset, b, other.offset, out, 0, out.length);
        } else {
            Strided.apply(op, outShape,
                    a, Shapes.broadcastStrides(shape, strides, outShape), offset,
                    b, Shapes.broadcastStrides(other.shape, other.strides, outShape), other.offset,
                    out, Shapes.contiguousStrides(outShape), 0);
        }
        return wrap(out, outShape);
    }

    /**
     * Element-wise sum with broadcasting, like {@code x + other}.
     *
     * <pre>{@code
     * Tensor z = Tensor.zeros(4, 3).add(Tensor.of(1f, 2f, 3f));   // [4, 3] + [3] -> [4, 3]
     * }</pre>
     *
     * @param other a tensor whose shape broadcasts with this one
     * @return a new tensor of the broadcast shape
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public Tensor add(Tensor other) {
        return binary(Strided.BinaryOp.ADD, other);
    }

    /**
     * Adds a number to every element, like {@code x + value}.
     *
     * <pre>{@code
     * Tensor.of(1f, 2f).add(0.5f)   // tensor([1.5000, 2.5000])
     * }</pre>
     *
     * @param value the addend
     * @return a new tensor of this shape
     */
    public Tensor add(float value) {
        return binary(Strided.BinaryOp.ADD, scalar(value));
    }

    /**
     * Element-wise difference with broadcasting, like {@code x - other}.
     *
     * <pre>{@code
     * Tensor centred = x.sub(x.mean(0, true));   // [N, C] - [1, C]
     * }</pre>
     *
     * @param other a tensor whose shape broadcasts with this one
     * @return a new tensor of the broadcast shape
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public Tensor sub(Tensor other) {
        return binary(Strided.BinaryOp.SUB, other);
    }

    /**
     * Subtracts a number from every element, like {@code x - value}.
     *
     * <pre>{@code
     * Tensor.of(1f, 2f).sub(1f)   // tensor([0., 1.])
     * }</pre>
     *
     * @param value the subtrahend
     * @return a new tensor of this shape
     */
    public Tensor sub(float value) {
        return binary(Strided.BinaryOp.SUB, scalar(value));
    }

    /**
     * Element-wise product with broadcasting, like {@code x * other} (not matrix product; see
     * {@link #matmul}).
     *
     * <pre>{@code
     * Tensor masked = grad.mul(input.gt(0));   // ReLU backward
     * }</pre>
     *
     * @param other a tensor whose shape broadcasts with this one
     * @return a new tensor of the broadcast shape
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public Tensor mul(Tensor other) {
        return binary(Strided.BinaryOp.MUL, other);
    }

    /**
     * Multiplies every element by a number, like {@code x * value}.
     *
     * <pre>{@code
     * Tensor step = grad.mul(learningRate);
     * }</pre>
     *
     * @param value the factor
     * @return a new tensor of this shape
     */
    public Tensor mul(float value) {
        return binary(Strided.BinaryOp.MUL, scalar(value));
    }

    /**
     * Element-wise quotient with broadcasting, like {@code x / other}; division by zero gives
     * infinity or NaN as in IEEE 754.
     *
     * <pre>{@code
     * Tensor probs = e.div(e.sum(1, true));   // [N, C] / [N, 1]
     * }</pre>
     *
     * @param other a tensor whose shape broadcasts with this one
     * @return a new tensor of the broadcast shape
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public Tensor div(Tensor other) {
        return binary(Strided.BinaryOp.DIV, other);
    }

    /**
     * Divides every element by a number, like {@code x / value} (a true float division, not a
     * multiplication by the reciprocal).
     *
     * <pre>{@code
     * Tensor meanGrad = grad.div(batchSize);
     * }</pre>
     *
     * @param value the divisor
     * @return a new tensor of this shape
     */
    public Tensor div(float value) {
        return binary(Strided.BinaryOp.DIV, scalar(value));
    }

    /**
     * {@code value - x} element-wise, like {@code value - x} in Python ({@code torch.rsub}).
     *
     * <pre>{@code
     * Tensor.of(0.25f, 1f).rsub(1f)   // tensor([0.7500, 0.0000])
     * }</pre>
     *
     * @param value the minuend
     * @return a new tensor of this shape
     */
    public Tensor rsub(float value) {
        return scalar(value).binary(Strided.BinaryOp.SUB, this);
    }

    /**
     * Negation, like {@code -x}.
     *
     * <pre>{@code
     * Tensor.of(1f, -2f).neg()   // tensor([-1., 2.])
     * }</pre>
     *
     * @return a new tensor of this shape
     */
    public Tensor neg() {
        float[] v = toArray();
        for (int i = 0; i < v.length; i++) {
            v[i] = -v[i];
        }
        return wrap(v, shape.clone());
    }

    /**
     * Absolute value, like {@code x.abs()}.
     *
     * <pre>{@code
     * Tensor.of(1f, -2f).abs()   // tensor([1., 2.])
     * }</pre>
     *
     * @return a new tensor of this shape
     */
    public Tensor abs() {
        float[] v = toArray();
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.abs(v[i]);
        }
        return wrap(v, shape.clone());
    }

    /**
     * {@code e^x}, like {@code x.exp()}; computed in double and rounded to float.
     *
     * <pre>{@code
     * Tensor e = logits.sub(logits.max(1, true)).exp();   // the stable softmax numerator
     * }</pre>
     *
     * @return a new tensor of this shape
     */
    public Tensor exp() {
        float[] v = toArray();
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) Math.exp(v[i]);
        }
        return wrap(v, shape.clone());
    }

    /**
     * Natural logarithm, like {@code x.log()}: {@code log(0) = -inf}, negative values give NaN;
     * computed in double and rounded to float.
     *
     * <pre>{@code
     * Tensor.of(1f, (float) Math.E).log()   // tensor([0., 1.])
     * }</pre>
     *
     * @return a new tensor of this shape
     */
    public Tensor log() {
        float[] v = toArray();
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) Math.log(v[i]);
        }
        return wrap(v, shape.clone());
    }

    /**
     * Square root, like {@code x.sqrt()}; correctly rounded, so identical to PyTorch's.
     *
     * <pre>{@code
     * Tensor std = variance.add(eps).sqrt();
     * }</pre>
     *
     * @return a new tensor of this shape
     */
    public Tensor sqrt() {
        float[] v = toArray();
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) Math.sqrt(v[i]);
        }
        return wrap(v, shape.clone());
    }

    /**
     * Raises every element to a power, like {@code x.pow(exponent)} or {@code x ** exponent}.
     * Exponents 2, 3, -1, -2, 0.5 and -0.5 are computed as PyTorch does (products, a division or
     * a square root); others with {@link Math#pow} in double, rounded to float.
     *
     * <pre>{@code
     * Tensor.of(2f, 3f).pow(2)       // tensor([4., 9.])
     * Tensor.of(4f).pow(-0.5f)       // tensor([0.5000])
     * }</pre>
     *
     * @param exponent the power
     * @return a new tensor of this shape
     */
    public Tensor pow(float exponent) {
        float[] v = toArray();
        if (exponent == 2f) {
            for (int i = 0; i < v.length; i++) {
                v[i] = v[i] * v[i];
            }
        } else if (exponent == 3f) {
            for (int i = 0; i < v.length; i++) {
                v[i] = v[i] * v[i] * v[i];
            }
        } else if (exponent == -1f) {
            for (int i = 0; i < v.length; i++) {
                v[i] = 1f / v[i];
            }
        } else if (exponent == -2f) {
            for (int i = 0; i < v.length; i++) {
                v[i] = 1f / (v[i] * v[i]);
            }
        } else if (exponent == 0.5f) {
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) Math.sqrt(v[i]);
            }
        } else if (exponent == -0.5f) {
            for (int i = 0; i < v.length; i++) {
                v[i] = 1f / (float) Math.sqrt(v[i]);
            }
        } else {
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) Math.pow(v[i], exponent);
            }
        }
        return wrap(v, shape.clone());
    }

    /**
     * {@code x * x}, like {@code x.square()}.
     *
     * <pre>{@code
     * Tensor.of(-3f).square()   // tensor([9.])
     * }</pre>
     *
     * @return a new tensor of this shape
     */
    public Tensor square() {
        return pow(2f);
    }

    /**
     * Element-wise maximum with broadcasting, like {@code torch.maximum}; NaN wins.
     *
     * <pre>{@code
     * Tensor.of(1f, 5f).maximum(Tensor.of(3f, 2f))   // tensor([3., 5.])
     * }</pre>
     *
     * @param other a tensor whose shape broadcasts with this one
     * @return a new tensor of the broadcast shape
     */
    public Tensor maximum(Tensor other) {
        return binary(Strided.BinaryOp.MAXIMUM, other);
    }

    /**
     * Element-wise maximum with a number; {@code maximum(0)} is ReLU.
     *
     * <pre>{@code
     * Tensor.of(-1f, 2f).maximum(0f)   // tensor([0., 2.])
     * }</pre>
     *
     * @param value the lower alternative
     * @return a new tensor of this shape
     */
    public Tensor maximum(float value) {
        return binary(Strided.BinaryOp.MAXIMUM, scalar(value));
    }

    /**
     * Element-wise minimum with broadcasting, like {@code torch.minimum}; NaN wins.
     *
     * <pre>{@code
     * Tensor.of(1f, 5f).minimum(Tensor.of(3f, 2f))   // tensor([1., 2.])
     * }</pre>
     *
     * @param other a tensor whose shape broadcasts with this one
     * @return a new tensor of the broadcast shape
     */
    public Tensor minimum(Tensor other) {
        return binary(Strided.BinaryOp.MINIMUM, other);
    }

    /**
     * Element-wise minimum with a number.
     *
     * <pre>{@code
     * Tensor.of(-1f, 2f).minimum(0f)   // tensor([-1., 0.])
     * }</pre>
     *
     * @param value the upper alternative
     * @return a new tensor of this shape
     */
    public Tensor minimum(float value) {
        return binary(Strided.BinaryOp.MINIMUM, scalar(value));
    }

    /**
     * Limits every element to {@code [min, max]}, like {@code x.clamp(min, max)}:
     * {@code min(max(x, min), max)}, so {@code max} wins if {@code min > max}; NaN stays NaN.
     *
     * <pre>{@code
     * Tensor.of(-2f, 0.5f, 3f).clamp(0f, 1f)   // tensor([0.0000, 0.5000, 1.0000])
     * }</pre>
     *
     * @param min lower bound
     * @param max upper bound
     * @return a new tensor of this shape
     */
    public Tensor clamp(float min, float max) {
        if (Kernels.VECTOR && isContiguous()) {
            float[] out = FreshArrays.floats(numel);
            VectorElementwise.clamp(data, offset, min, max, out, 0, numel);
            return wrap(out, shape.clone());
        }
        float[] v = toArray();
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.min(Math.max(v[i], min), max);
        }
        return wrap(v, shape.clone());
    }

    /**
     * Limits every element from below, like {@code x.clamp(min=min)}.
     *
     * <pre>{@code
     * Tensor probs = p.clampMin(1e-12f);   // before log
     * }</pre>
     *
     * @param min lower bound
     * @return a new tensor of this shape
     */
    public Tensor clampMin(float min) {
        return clamp(min, Float.POSITIVE_INFINITY);
    }

    /**
     * Limits every element from above, like {@code x.clamp(max=max)}.
     *
     * <pre>{@code
     * Tensor.of(-2f, 3f).clampMax(1f)   // tensor([-2., 1.])
     * }</pre>
     *
     * @param max upper bound
     * @return a new tensor of this shape
     */
    public Tensor clampMax(float max) {
        return clamp(Float.NEGATIVE_INFINITY, max);
    }

    /**
     * -1, 0 or 1 by the sign of each element, like {@code x.sign()}; NaN stays NaN.
     *
     * <pre>{@code
     * Tensor.of(-3f, 0f, 2f).sign()   // tensor([-1., 0., 1.])
     * }</pre>
     *
     * @return a new tensor of this shape
     */
    public Tensor sign() {
        float[] v = toArray();
        for (int i = 0; i < v.length; i++) {
            float x = v[i];
            v[i] = x > 0f ? 1f : x < 0f ? -1f : x == 0f ? 0f : Float.NaN;
        }
        return wrap(v, shape.clone());
    }

    // ---------------------------------------------------------------------------------------
    // Comparisons
    // ---------------------------------------------------------------------------------------

    /**
     * {@code x > other} with broadcasting, as a 0/1 float mask (PyTorch returns a bool tensor).
     *
     * <pre>{@code
     * Tensor.of(1f, 2f).gt(Tensor.of(2f, 1f))   // tensor([0., 1.])
     * }</pre>
     *
     * @param other a tensor whose shape broadcasts with this one
     * @return a new 0/1 tensor of the broadcast shape
     */
    public Tensor gt(Tensor other) {
        return binary(Strided.BinaryOp.GT, other);
    }

    /**
     * {@code x > value} as a 0/1 float mask; NaN compares false.
     *
     * <pre>{@code
     * Tensor mask = input.gt(0f);   // where ReLU lets the gradient through
     * }</pre>
     *
     * @param value the threshold
     * @return a new 0/1 tensor of this shape
     */
    public Tensor gt(float value) {
        return binary(Strided.BinaryOp.GT, scalar(value));
    }

    /**
     * {@code x >= other} with broadcasting, as a 0/1 float mask.
     *
     * <pre>{@code
     * Tensor.of(1f, 2f).ge(Tensor.of(2f, 2f))   // tensor([0., 1.])
     * }</pre>
     *
     * @param other a tensor whose shape broadcasts with this one
     * @return a new 0/1 tensor of the broadcast shape
     */
    public Tensor ge(Tensor other) {
        return binary(Strided.BinaryOp.GE, other);
    }

    /**
     * {@code x >= value} as a 0/1 float mask.
     *
     * <pre>{@code
     * Tensor.of(1f, 2f).ge(2f)   // tensor([0., 1.])
     * }</pre>
     *
     * @param value the threshold
     * @return a new 0/1 tensor of this shape
     */
    public Tensor ge(float value) {
        return binary(Strided.BinaryOp.GE, scalar(value));
    }

    /**
     * {@code x < other} with broadcasting, as a 0/1 float mask.
     *
     * <pre>{@code
     * Tensor.of(1f, 2f).lt(Tensor.of(2f, 2f))   // tensor([1., 0.])
     * }</pre>
     *
     * @param other a tensor whose shape broadcasts with this one
     * @return a new 0/1 tensor of the broadcast shape
     */
    public Tensor lt(Tensor other) {
        return binary(Strided.BinaryOp.LT, other);
    }

    /**
     * {@code x < value} as a 0/1 float mask.
     *
     * <pre>{@code
     * Tensor.of(-1f, 2f).lt(0f)   // tensor([1., 0.])
     * }</pre>
     *
     * @param value the threshold
     * @return a new 0/1 tensor of this shape
     */
    public Tensor lt(float value) {
        return binary(Strided.BinaryOp.LT, scalar(value));
    }

    /**
     * {@code x <= other} with broadcasting, as a 0/1 float mask.
     *
     * <pre>{@code
     * Tensor.of(1f, 3f).le(Tensor.of(1f, 2f))   // tensor([1., 0.])
     * }</pre>
     *
     * @param other a tensor whose shape broadcasts with this one
     * @return a new 0/1 tensor of the broadcast shape
     */
    public Tensor le(Tensor other) {
        return binary(Strided.BinaryOp.LE, other);
    }

    /**
     * {@code x <= value} as a 0/1 float mask.
     *
     * <pre>{@code
     * Tensor.of(0f, 2f).le(0f)   // tensor([1., 0.])
     * }</pre>
     *
     * @param value the threshold
     * @return a new 0/1 tensor of this shape
     */
    public Tensor le(float value) {
        return binary(Strided.BinaryOp.LE, scalar(value));
    }

    /**
     * {@code x == other} with broadcasting, as a 0/1 float mask; exact float equality, NaN never
     * equal.
     *
     * <pre>{@code
     * float correct = predicted.argmax(1, false).eq(labels).sum().item();
     * }</pre>
     *
     * @param other a tensor whose shape broadcasts with this one
     * @return a new 0/1 tensor of the broadcast shape
     */
    public Tensor eq(Tensor other) {
        return binary(Strided.BinaryOp.EQ, other);
    }

    /**
     * {@code x == value} as a 0/1 float mask.
     *
     * <pre>{@code
     * Tensor.of(1f, 2f).eq(2f)   // tensor([0., 1.])
     * }</pre>
     *
     * @param value the value to compare with
     * @return a new 0/1 tensor of this shape
     */
    public Tensor eq(float value) {
        return binary(Strided.BinaryOp.EQ, scalar(value));
    }

    // ---------------------------------------------------------------------------------------
    // In place
    // ---------------------------------------------------------------------------------------

    private Tensor inPlace(Strided.BinaryOp op, Tensor other, String name) {
        int[] target = Shapes.broadcast(name, shape, other.shape);
        if (!Arrays.equals(target, shape)) {
            throw new IllegalArgumentException(name + ": cannot broadcast " + Shapes.str(other.shape)
                    + " into the shape " + Shapes.str(shape) + " of the tensor written to");
        }
        requireWritable(name);
        // Reading from the storage being written could see already updated values.
        Tensor source = other.data == data && other.numel > 1 ? other.copy() : other;
        int[] sourceStrides = Shapes.broadcastStrides(source.shape, source.strides, shape);
        if (op == Strided.BinaryOp.ASSIGN) {
            Strided.copy(shape, source.data, sourceStrides, source.offset, data, strides, offset);
        } else {
            Strided.apply(op, shape, data, strides, offset, source.data, sourceStrides, source.offset,
                    data, strides, offset);
        }
        return this;
    }

    private void requireWritable(String name) {
        for (int d = 0; d < shape.length; d++) {
            if (strides[d] == 0 && shape[d] > 1) {
                throw new IllegalArgumentException(name + ": cannot write in place to an expanded"
                        + " view of shape " + Shapes.str(shape) + ": several elements share one"
                        + " storage location (dimension " + d + "); make a copy() first");
            }
        }
        if (Shapes.overlaps(shape, strides)) {
            throw new IllegalArgumentException(name + ": cannot write in place to a view of shape "
                    + Shapes.str(shape) + " with strides " + Arrays.toString(strides) + " whose"
                    + " elements overlap (windows of unfold with a step smaller than the size);"
                    + " make a copy() first");
        }
    }

    /**
     * {@code x += other}: adds in place, broadcasting {@code other} to this shape, writing
     * through views into the shared storage.
     *
     * <pre>{@code
     * Tensor grad = Tensor.zeros(3, 4);
     * grad.addInPlace(batchGrad);   // accumulate
     * }</pre>
     *
     * @param other a tensor broadcastable to this shape
     * @return this tensor
     * @throws IllegalArgumentException if {@code other} does not broadcast to this shape, or this
     *                                  is an expanded view
     */
    public Tensor addInPlace(Tensor other) {
        return inPlace(Strided.BinaryOp.ADD, other, "addInPlace");
    }

    /**
     * {@code x += value} in place.
     *
     * <pre>{@code
     * Tensor.zeros(2).addInPlace(1f)   // tensor([1., 1.])
     * }</pre>
     *
     * @param value the addend
     * @return this tensor
     */
    public Tensor addInPlace(float value) {
        return inPlace(Strided.BinaryOp.ADD, scalar(value), "addInPlace");
    }

    /**
     * {@code x -= other}: subtracts in place, broadcasting {@code other} to this shape.
     *
     * <pre>{@code
     * weight.subInPlace(grad.mul(learningRate));   // an SGD step
     * }</pre>
     *
     * @param other a tensor broadcastable to this shape
     * @return this tensor
     * @throws IllegalArgumentException if {@code other} does not broadcast to this shape
     */
    public Tensor subInPlace(Tensor other) {
        return inPlace(Strided.BinaryOp.SUB, other, "subInPlace");
    }

    /**
     * {@code x -= value} in place.
     *
     * <pre>{@code
     * Tensor.ones(2).subInPlace(1f)   // tensor([0., 0.])
     * }</pre>
     *
     * @param value the subtrahend
     * @return this tensor
     */
    public Tensor subInPlace(float value) {
        return inPlace(Strided.BinaryOp.SUB, scalar(value), "subInPlace");
    }

    /**
     * {@code x *= other}: multiplies in place, broadcasting {@code other} to this shape.
     *
     * <pre>{@code
     * grad.mulInPlace(mask);   // zero where the mask is 0
     * }</pre>
     *
     * @param other a tensor broadcastable to this shape
     * @return this tensor
     * @throws IllegalArgumentException if {@code other} does not broadcast to this shape
     */
    public Tensor mulInPlace(Tensor other) {
        return inPlace(Strided.BinaryOp.MUL, other, "mulInPlace");
    }

    /**
     * {@code x *= value} in place.
     *
     * <pre>{@code
     * Tensor.ones(2).mulInPlace(3f)   // tensor([3., 3.])
     * }</pre>
     *
     * @param value the factor
     * @return this tensor
     */
    public Tensor mulInPlace(float value) {
        return inPlace(Strided.BinaryOp.MUL, scalar(value), "mulInPlace");
    }

    /**
     * {@code x /= other}: divides in place, broadcasting {@code other} to this shape.
     *
     * <pre>{@code
     * Tensor.full(6f, 2, 2).divInPlace(Tensor.of(2f, 3f))   // [[3, 2], [3, 2]]
     * }</pre>
     *
     * @param other a tensor broadcastable to this shape
     * @return this tensor
     * @throws IllegalArgumentException if {@code other} does not broadcast to this shape
     */
    public Tensor divInPlace(Tensor other) {
        return inPlace(Strided.BinaryOp.DIV, other, "divInPlace");
    }

    /**
     * {@code x /= value} in place (a true float division).
     *
     * <pre>{@code
     * grad.divInPlace(batchSize);
     * }</pre>
     *
     * @param value the divisor
     * @return this tensor
     */
    public Tensor divInPlace(float value) {
        return inPlace(Strided.BinaryOp.DIV, scalar(value), "divInPlace");
    }

    /**
     * Sets every element (of this view) to {@code value}, like {@code x.fill_(value)}.
     *
     * <pre>{@code
     * Tensor x = Tensor.zeros(3, 3);
     * x.select(0, 1).fill(7f);   // middle row of x becomes 7
     * }</pre>
     *
     * @param value the new value
     * @return this tensor
     */
    public Tensor fill(float value) {
        return inPlace(Strided.BinaryOp.ASSIGN, scalar(value), "fill");
    }

    /**
     * Copies {@code src} into this tensor, like {@code x[...] = src} or {@code x.copy_(src)},
     * broadcasting {@code src} to this shape. Through a view this writes into part of a larger
     * tensor.
     *
     * <pre>{@code
     * Tensor padded = Tensor.zeros(1, 1, 7, 7);
     * padded.slice(2, 1, 6).slice(3, 1, 6).copyFrom(image);   // image of shape [1, 1, 5, 5]
     * }</pre>
     *
     * @param src a tensor broadcastable to this shape
     * @return this tensor
     * @throws IllegalArgumentException if {@code src} does not broadcast to this shape
     */
    public Tensor copyFrom(Tensor src) {
        return inPlace(Strided.BinaryOp.ASSIGN, src, "copyFrom");
    }

    // ---------------------------------------------------------------------------------------
    // Linear algebra
    // ---------------------------------------------------------------------------------------

    /**
     * Matrix product with {@code torch.matmul} semantics:
     * <ul>
     *   <li>{@code [n] @ [n]} gives a 0-d dot product;</li>
     *   <li>{@code [n, k] @ [k, m]} gives {@code [n, m]};</li>
     *   <li>a 1-D left operand {@code [k]} is treated as {@code [1, k]} and a 1-D right operand
     *       {@code [k]} as {@code [k, 1]}, the added dimension being removed again;</li>
     *   <li>{@code [..., n, k] @ [..., k, m]} multiplies batches of matrices, the batch dimensions
     *       broadcasting: {@code [8, 1, 2, 3] @ [5, 3, 4]} gives {@code [8, 5, 2, 4]}.</li>
     * </ul>
     * Products accumulate in float (see the class documentation).
     *
     * <pre>{@code
     * Tensor y = x.matmul(weight.t()).add(bias);   // Linear: [N, in] @ [in, out] + [out]
     * }</pre>
     *
     * @param other the right operand
     * @return a new contiguous tensor
     * @throws IllegalArgumentException if an operand is 0-d, the inner dimensions differ or the
     *                                  batch dimensions do not broadcast
     */
    public Tensor matmul(Tensor other) {
        if (shape.length == 0 || other.shape.length == 0) {
            throw new IllegalArgumentException("matmul: both arguments need at least 1 dimension, got "
                    + Shapes.str(shape) + " and " + Shapes.str(other.shape));
        }
        Tensor a = shape.length == 1 ? unsqueeze(0) : this;
        Tensor b = other.shape.length == 1 ? other.unsqueeze(1) : other;
        int n = a.shape[a.shape.length - 2];
        int k = a.shape[a.shape.length - 1];
        int m = b.shape[b.shape.length - 1];
        if (b.shape[b.shape.length - 2] != k) {
            throw new IllegalArgumentException("matmul: inner dimensions differ: "
                    + Shapes.str(shape) + " @ " + Shapes.str(other.shape));
        }
        int[] batch = Shapes.broadcast("matmul",
                Arrays.copyOf(a.shape, a.shape.length - 2), Arrays.copyOf(b.shape, b.shape.length - 2));
        int batches = Shapes.numel("matmul", batch);
        // Each operand is read through its own strides (a transposed or sliced view is not
        // copied); a batch dimension it broadcasts over is read again through a zero stride.
        int[] outShape = Arrays.copyOf(batch, batch.length + 2);
        outShape[batch.length] = n;
        outShape[batch.length + 1] = m;
        float[] out = FreshArrays.floats(Shapes.numel("matmul", outShape));
        MatMul.multiply(a.operand(batch, batches), b.operand(batch, batches), out, batches, n, k, m);
        if (other.shape.length == 1) {
            outShape = Shapes.remove(outShape, outShape.length - 1);
        }
        if (shape.length == 1) {
            outShape = Shapes.remove(outShape, outShape.length - (other.shape.length == 1 ? 1 : 2));
        }
        return wrap(out, outShape);
    }

    /**
     * This tensor (at least 2-D) as a matmul operand: where each matrix of the (broadcast)
     * {@code batch} starts in the storage, in row-major order of {@code batch}, and the strides
     * of its rows and columns.
     */
    private MatMul.Operand operand(int[] batch, int batches) {
        int rank = shape.length;
        int[] own = Arrays.copyOf(shape, rank - 2);
        int[] batchStrides = Shapes.broadcastStrides(own, Arrays.copyOf(strides, own.length), batch);
        int[] offsets = new int[batches];
        int[] index = new int[batch.length];
        int at = offset;
        for (int i = 0; i < batches; i++) {
            offsets[i] = at;
            for (int d = batch.length - 1; d >= 0; d--) {
                at += batchStrides[d];
                if (++index[d] < batch[d]) {
                    break;
                }
                at -= batchStrides[d] * batch[d];
                index[d] = 0;
            }
        }
        return new MatMul.Operand(data, offsets, strides[rank - 2], strides[rank - 1]);
    }

    // ---------------------------------------------------------------------------------------
    // Reductions
    // ---------------------------------------------------------------------------------------

    /**
     * How a reduction splits the elements into {@code count} groups of {@code size}, one group
     * per output element: {@code reduced} marks the reduced dimensions, and {@code perm} lists
     * the kept dimensions, then the reduced ones, each in their original order.
     */
    private record Groups(boolean[] reduced, int[] perm, int count, int size, int[] outShape) {
    }

    private Groups group(String op, int[] dims, boolean keepdim) {
        boolean[] reduced = Shapes.reducedMask(op, dims, shape);
        int rank = shape.length;
        int[] perm = new int[rank];
        int k = 0;
        int keptCount = 0;
        int groups = 1;
        int groupSize = 1;
        for (int d = 0; d < rank; d++) {
            if (!reduced[d]) {
                perm[k++] = d;
                keptCount++;
                groups *= shape[d];
            }
        }
        for (int d = 0; d < rank; d++) {
            if (reduced[d]) {
                perm[k++] = d;
                groupSize *= shape[d];
            }
        }
        int[] outShape = new int[keepdim ? rank : keptCount];
        for (int d = 0, o = 0; d < rank; d++) {
            if (!reduced[d]) {
                outShape[o++] = shape[d];
            } else if (keepdim) {
                outShape[o++] = 1;
            }
        }
        return new Groups(reduced, perm, groups, groupSize, outShape);
    }

    /** The elements regrouped so that each group is one contiguous segment, in group order. */
    private float[] groupedValues(Groups g) {
        return permute(g.perm()).toArray();
    }

    private double[] groupSums(Groups g) {
        return Reductions.sums(data, shape, strides, offset, g.reduced(), g.count());
    }

    /**
     * The sum of all elements as a 0-d tensor, like {@code x.sum()}; accumulated in double.
     *
     * <pre>{@code
     * Tensor.of(1f, 2f, 3f).sum()   // tensor(6.)
     * }</pre>
     *
     * @return a 0-d tensor (0 for an empty tensor)
     */
    public Tensor sum() {
        return sum(new int[0], false);
    }

    /**
     * Sums over one dimension, like {@code x.sum(dim, keepdim)}.
     *
     * <pre>{@code
     * Tensor x = Tensor.ones(4, 3);
     * x.sum(0, false)   // shape [3]: bias gradient over a batch
     * x.sum(1, true)    // shape [4, 1]
     * }</pre>
     *
     * @param dim     the reduced dimension, negative counting from the end
     * @param keepdim keep it with size 1 (so the result broadcasts against this tensor)
     * @return a new tensor
     */
    public Tensor sum(int dim, boolean keepdim) {
        return sum(new int[] {dim}, keepdim);
    }

    /**
     * Sums over several dimensions, like {@code x.sum(dims, keepdim)}; an empty {@code dims}
     * sums over all of them (as {@code x.sum(dim=[])} does). Accumulated in double.
     *
     * <pre>{@code
     * Tensor dz = Tensor.ones(8, 4, 3, 3);
     * dz.sum(new int[] {0, 2, 3}, false)   // shape [4]: conv bias gradient
     * }</pre>
     *
     * @param dims    distinct dimensions, negative counting from the end
     * @param keepdim keep them with size 1
     * @return a new tensor
     */
    public Tensor sum(int[] dims, boolean keepdim) {
        Groups g = group("sum", dims, keepdim);
        return wrap(Reductions.floatSums(data, shape, strides, offset, g.reduced(), g.count(), 1), g.outShape());
    }

    /**
     * The mean of all elements as a 0-d tensor, like {@code x.mean()}; NaN for an empty tensor.
     *
     * <pre>{@code
     * Tensor.of(1f, 2f).mean()   // tensor(1.5000)
     * }</pre>
     *
     * @return a 0-d tensor
     */
    public Tensor mean() {
        return mean(new int[0], false);
    }

    /**
     * Means over one dimension, like {@code x.mean(dim, keepdim)}.
     *
     * <pre>{@code
     * Tensor.ones(4, 3).mean(-1, true)   // shape [4, 1]
     * }</pre>
     *
     * @param dim     the reduced dimension, negative counting from the end
     * @param keepdim keep it with size 1
     * @return a new tensor
     */
    public Tensor mean(int dim, boolean keepdim) {
        return mean(new int[] {dim}, keepdim);
    }

    /**
     * Means over several dimensions ({@code []} for all), like {@code x.mean(dims, keepdim)};
     * the sum is accumulated in double and divided before rounding to float.
     *
     * <pre>{@code
     * Tensor x = Tensor.ones(8, 4, 5, 5);
     * x.mean(new int[] {0, 2, 3}, true)   // shape [1, 4, 1, 1]: per-channel mean for batch norm
     * }</pre>
     *
     * @param dims    distinct dimensions, negative counting from the end
     * @param keepdim keep them with size 1
     * @return a new tensor
     */
    public Tensor mean(int[] dims, boolean keepdim) {
        Groups g = group("mean", dims, keepdim);
        return wrap(Reductions.floatSums(data, shape, strides, offset, g.reduced(), g.count(), g.size()),
                g.outShape());
    }

    /**
     * The largest element as a 0-d tensor, like {@code x.max()}; NaN if any element is NaN.
     *
     * <pre>{@code
     * Tensor.of(1f, 5f, 2f).max()   // tensor(5.)
     * }</pre>
     *
     * @return a 0-d tensor
     * @throws IllegalArgumentException for an empty tensor
     */
    public Tensor max() {
        return extreme("max", new int[0], false, true);
    }

    /**
     * The largest values along one dimension, like {@code x.max(dim, keepdim).values} (or
     * {@code torch.amax}); see {@link #argmax} for the positions.
     *
     * <pre>{@code
     * Tensor stable = logits.sub(logits.max(1, true));   // [N, C] - [N, 1]
     * }</pre>
     *
     * @param dim     the reduced dimension, negative counting from the end
     * @param keepdim keep it with size 1
     * @return a new tensor
     * @throws IllegalArgumentException if the dimension is empty
     */
    public Tensor max(int dim, boolean keepdim) {
        return extreme("max", new int[] {dim}, keepdim, true);
    }

    /**
     * The smallest element as a 0-d tensor, like {@code x.min()}; NaN if any element is NaN.
     *
     * <pre>{@code
     * Tensor.of(1f, 5f, 2f).min()   // tensor(1.)
     * }</pre>
     *
     * @return a 0-d tensor
     * @throws IllegalArgumentException for an empty tensor
     */
    public Tensor min() {
        return extreme("min", new int[0], false, false);
    }

    /**
     * The smallest values along one dimension, like {@code x.min(dim, keepdim).values}.
     *
     * <pre>{@code
     * Tensor.of(new float[][] {{1, 5}, {4, 2}}).min(1, false)   // tensor([1., 2.])
     * }</pre>
     *
     * @param dim     the reduced dimension, negative counting from the end
     * @param keepdim keep it with size 1
     * @return a new tensor
     * @throws IllegalArgumentException if the dimension is empty
     */
    public Tensor min(int dim, boolean keepdim) {
        return extreme("min", new int[] {dim}, keepdim, false);
    }

    private Tensor extreme(String op, int[] dims, boolean keepdim, boolean largest) {
        Groups g = group(op, dims, keepdim);
        requireNonEmptyGroups(op, g);
        float[] out = Reductions.extremes(data, shape, strides, offset, g.reduced(), g.count(), largest);
        return wrap(out, g.outShape());
    }

    private void requireNonEmptyGroups(String op, Groups g) {
        if (g.size() == 0 && g.count() > 0) {
            throw new IllegalArgumentException(op + ": cannot reduce over an empty dimension of shape "
                    + Shapes.str(shape));
        }
    }

    /**
     * Positions of the largest values along one dimension, as integer indices, like
     * {@code torch.argmax(x, dim, keepdim)}; the first maximum wins ties, and a NaN counts as
     * larger than any number (as in PyTorch).
     *
     * <pre>{@code
     * IndexTensor predicted = logits.argmax(1, false);   // [N, C] -> [N], class indices
     * Tensor.of(1f, 3f, 3f).argmax(0, false)             // tensor(1)
     * float accuracy = predicted.eq(IndexTensor.of(labels)).mean().item();
     * }</pre>
     *
     * @param dim     the reduced dimension, negative counting from the end
     * @param keepdim keep it with size 1
     * @return a new index tensor
     * @throws IllegalArgumentException if the dimension is empty
     */
    public IndexTensor argmax(int dim, boolean keepdim) {
        return argExtreme("argmax", new int[] {dim}, keepdim, true);
    }

    /**
     * The position of the largest element in row-major order, as a 0-d index tensor, like
     * {@code torch.argmax(x)} (the index into {@code x.flatten()}).
     *
     * <pre>{@code
     * Tensor.of(new float[][] {{1, 5}, {7, 2}}).argmax()   // tensor(2)
     * }</pre>
     *
     * @return a 0-d index tensor
     * @throws IllegalArgumentException for an empty tensor
     */
    public IndexTensor argmax() {
        return reshape(-1).argExtreme("argmax", new int[] {0}, false, true);
    }

    /**
     * Positions of the smallest values along one dimension, like
     * {@code torch.argmin(x, dim, keepdim)}; the first minimum wins ties, and a NaN counts as
     * smaller than any number (as in PyTorch).
     *
     * <pre>{@code
     * Tensor.of(new float[][] {{4, 1, 1}, {0, 2, 3}}).argmin(1, false)   // tensor([1, 0])
     * }</pre>
     *
     * @param dim     the reduced dimension, negative counting from the end
     * @param keepdim keep it with size 1
     * @return a new index tensor
     * @throws IllegalArgumentException if the dimension is empty
     */
    public IndexTensor argmin(int dim, boolean keepdim) {
        return argExtreme("argmin", new int[] {dim}, keepdim, false);
    }

    /**
     * The position of the smallest element in row-major order, as a 0-d index tensor, like
     * {@code torch.argmin(x)}.
     *
     * <pre>{@code
     * Tensor.of(new float[][] {{1, 5}, {-7, 2}}).argmin()   // tensor(2)
     * }</pre>
     *
     * @return a 0-d index tensor
     * @throws IllegalArgumentException for an empty tensor
     */
    public IndexTensor argmin() {
        return reshape(-1).argExtreme("argmin", new int[] {0}, false, false);
    }

    private IndexTensor argExtreme(String op, int[] dims, boolean keepdim, boolean largest) {
        Groups g = group(op, dims, keepdim);
        requireNonEmptyGroups(op, g);
        int[] out = new int[g.count()];
        float[] v = groupedValues(g);
        for (int i = 0; i < out.length; i++) {
            int base = i * g.size();
            int best = 0;
            float bestValue = v[base];
            for (int j = 1; j < g.size() && !Float.isNaN(bestValue); j++) {
                float x = v[base + j];
                if ((largest ? x > bestValue : x < bestValue) || Float.isNaN(x)) {
                    best = j;
                    bestValue = x;
                }
            }
            out[i] = best;
        }
        return IndexTensor.wrap(out, g.outShape());
    }

    /**
     * Variance over several dimensions ({@code []} for all), like
     * {@code x.var(dims, unbiased=..., keepdim=...)}: the mean of squared deviations, divided by
     * {@code n - 1} when {@code unbiased} (Bessel's correction, PyTorch's default) and by
     * {@code n} otherwise (what batch norm uses). Two passes in double. With nothing to divide by
     * ({@code n - 1 <= 0}) the result is NaN, as in PyTorch.
     *
     * <pre>{@code
     * Tensor x = Tensor.ones(8, 4, 5, 5);
     * x.var(new int[] {0, 2, 3}, false, true)   // shape [1, 4, 1, 1], biased, for batch norm
     * }</pre>
     *
     * @param dims     distinct dimensions, negative counting from the end
     * @param unbiased divide by {@code n - 1} instead of {@code n}
     * @param keepdim  keep the reduced dimensions with size 1
     * @return a new tensor
     */
    public Tensor var(int[] dims, boolean unbiased, boolean keepdim) {
        Groups g = group("var", dims, keepdim);
        double[] variances = variances(g, unbiased);
        float[] out = new float[g.count()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) variances[i];
        }
        return wrap(out, g.outShape());
    }

    /**
     * Variance over one dimension, like {@code x.var(dim, unbiased=..., keepdim=...)}; see
     * {@link #var(int[], boolean, boolean)}.
     *
     * <pre>{@code
     * Tensor.of(new float[][] {{1, 2, 3}, {2, 4, 6}}).var(1, true, false)   // tensor([1., 4.])
     * }</pre>
     *
     * @param dim      the reduced dimension, negative counting from the end
     * @param unbiased divide by {@code n - 1} instead of {@code n}
     * @param keepdim  keep it with size 1
     * @return a new tensor
     */
    public Tensor var(int dim, boolean unbiased, boolean keepdim) {
        return var(new int[] {dim}, unbiased, keepdim);
    }

    /**
     * Variance of all elements as a 0-d tensor, like {@code x.var(unbiased=...)}.
     *
     * <pre>{@code
     * Tensor.of(1f, 2f, 3f, 4f).var(true)    // tensor(1.6667)
     * Tensor.of(1f, 2f, 3f, 4f).var(false)   // tensor(1.2500)
     * }</pre>
     *
     * @param unbiased divide by {@code n - 1} instead of {@code n}
     * @return a 0-d tensor
     */
    public Tensor var(boolean unbiased) {
        return var(new int[0], unbiased, false);
    }

    /**
     * Standard deviation over several dimensions ({@code []} for all), like
     * {@code x.std(dims, unbiased=..., keepdim=...)}: the square root of
     * {@link #var(int[], boolean, boolean)}, taken in double before rounding once to float. NaN
     * where there is nothing to divide by, as in PyTorch.
     *
     * <pre>{@code
     * Tensor x = Tensor.randn(new Random(1), 8, 4, 5, 5);
     * x.std(new int[] {0, 2, 3}, true, true)   // shape [1, 4, 1, 1]: per-channel spread
     * Tensor z = x.sub(x.mean(-1, true)).div(x.std(new int[] {-1}, true, true));   // per row
     * }</pre>
     *
     * @param dims     distinct dimensions, negative counting from the end
     * @param unbiased divide by {@code n - 1} instead of {@code n}
     * @param keepdim  keep the reduced dimensions with size 1
     * @return a new tensor
     */
    public Tensor std(int[] dims, boolean unbiased, boolean keepdim) {
        Groups g = group("std", dims, keepdim);
        double[] variances = variances(g, unbiased);
        float[] out = new float[g.count()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) Math.sqrt(variances[i]);
        }
        return wrap(out, g.outShape());
    }

    /**
     * Standard deviation over one dimension, like {@code x.std(dim, unbiased=..., keepdim=...)};
     * see {@link #std(int[], boolean, boolean)}.
     *
     * <pre>{@code
     * Tensor.of(new float[][] {{1, 2, 3}, {2, 4, 6}}).std(1, true, true)   // [[1.], [2.]]
     * }</pre>
     *
     * @param dim      the reduced dimension, negative counting from the end
     * @param unbiased divide by {@code n - 1} instead of {@code n}
     * @param keepdim  keep it with size 1
     * @return a new tensor
     */
    public Tensor std(int dim, boolean unbiased, boolean keepdim) {
        return std(new int[] {dim}, unbiased, keepdim);
    }

    /**
     * Standard deviation of all elements as a 0-d tensor, like {@code x.std(unbiased=...)}: the
     * square root of {@link #var(boolean)}, taken in double. The notebook's {@code torch.std}
     * of the training set is {@code std(true)}.
     *
     * <pre>{@code
     * Tensor normalised = x.sub(x.mean()).div(x.std(true));
     * }</pre>
     *
     * @param unbiased divide by {@code n - 1} instead of {@code n}
     * @return a 0-d tensor
     */
    public Tensor std(boolean unbiased) {
        return std(new int[0], unbiased, false);
    }

    /** Per group, the variance in double: the mean and the squared deviations in two passes. */
    private double[] variances(Groups g, boolean unbiased) {
        double[] means = groupSums(g);
        for (int i = 0; i < means.length; i++) {
            means[i] /= g.size();
        }
        double[] squares = Reductions.squaredDeviations(data, shape, strides, offset, g.reduced(), means);
        int divisor = unbiased ? g.size() - 1 : g.size();
        for (int i = 0; i < squares.length; i++) {
            squares[i] = divisor <= 0 ? Double.NaN : squares[i] / divisor;
        }
        return squares;
    }

    // ---------------------------------------------------------------------------------------
    // Indexing with index tensors
    // ---------------------------------------------------------------------------------------

    /**
     * This tensor's values as indices, like {@code x.long()}, for labels or positions that
     * arrived as floats. Unlike PyTorch, which truncates, a value that is not a whole number
     * (or not finite, or beyond {@code int}) is refused: as an index it is always a mistake.
     *
     * <pre>{@code
     * Tensor.of(2f, 0f, 1f).toIndices()   // tensor([2, 0, 1])
     * }</pre>
     *
     * @return a new index tensor of this shape
     * @throws IllegalArgumentException if a value is not a whole number in {@code int} range
     */
    public IndexTensor toIndices() {
        float[] values = toArray();
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            float v = values[i];
            if (v != Math.rint(v) || Math.abs((double) v) > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("toIndices: value " + v + " at flat position " + i
                        + " of shape " + Shapes.str(shape) + " is not a whole number in int range");
            }
            out[i] = (int) v;
        }
        return IndexTensor.wrap(out, shape.clone());
    }

    /**
     * The slices at the given positions along {@code dim}, in that order, like
     * {@code torch.index_select(x, dim, index)} or {@code x[index]} for {@code dim} 0: a
     * mini-batch picked from a data set, or rows in a shuffled order. Positions may repeat.
     *
     * <pre>{@code
     * Tensor x = Tensor.arange(6).reshape(3, 2);              // [[0, 1], [2, 3], [4, 5]]
     * x.indexSelect(0, IndexTensor.of(2, 0))                  // [[4, 5], [0, 1]], shape [2, 2]
     * Tensor batch = images.indexSelect(0, IndexTensor.of(order).reshape(-1));   // [B, 1, 8, 8]
     * }</pre>
     *
     * @param dim   a dimension, negative counting from the end
     * @param index a 0-d or 1-D index tensor of positions in {@code 0..size(dim)-1}
     * @return a new contiguous tensor of this shape with {@code size(dim)} replaced by
     *         {@code index.numel()}
     * @throws IllegalArgumentException if the index has more than one dimension or this tensor
     *                                  is 0-d
     * @throws IndexOutOfBoundsException if a position is negative or not below {@code size(dim)}
     */
    public Tensor indexSelect(int dim, IndexTensor index) {
        if (shape.length == 0) {
            throw new IllegalArgumentException("indexSelect: cannot select from a 0-d tensor");
        }
        if (index.dim() > 1) {
            throw new IllegalArgumentException("indexSelect: the index must be 0-d or 1-D, got shape "
                    + Shapes.str(index.shapeRef()));
        }
        int d = Shapes.dim("indexSelect", dim, shape.length);
        int[] positions = index.data();
        int size = shape[d];
        for (int i = 0; i < positions.length; i++) {
            if (positions[i] < 0 || positions[i] >= size) {
                throw new IndexOutOfBoundsException("indexSelect: index " + positions[i] + " at position " + i
                        + " is out of bounds for dimension " + d + " with size " + size);
            }
        }
        int[] outShape = shape.clone();
        outShape[d] = positions.length;
        int outer = 1;
        for (int k = 0; k < d; k++) {
            outer *= shape[k];
        }
        int inner = 1;
        for (int k = d + 1; k < shape.length; k++) {
            inner *= shape[k];
        }
        Tensor source = contiguous();
        int from = source.offset;
        float[] out = new float[Shapes.numel("indexSelect", outShape)];
        for (int o = 0, at = 0; o < outer; o++) {
            int base = from + o * size * inner;
            for (int position : positions) {
                System.arraycopy(source.data, base + position * inner, out, at, inner);
                at += inner;
            }
        }
        return wrap(out, outShape);
    }

    /**
     * {@link #indexSelect(int, IndexTensor)} with the positions as an array.
     *
     * <pre>{@code
     * Tensor rows = x.indexSelect(0, 4, 1, 1);   // rows 4, 1 and 1 of x
     * }</pre>
     *
     * @param dim       a dimension, negative counting from the end
     * @param positions positions in {@code 0..size(dim)-1}
     * @return a new contiguous tensor with {@code size(dim)} replaced by {@code positions.length}
     * @throws IndexOutOfBoundsException if a position is negative or not below {@code size(dim)}
     */
    public Tensor indexSelect(int dim, int... positions) {
        return indexSelect(dim, IndexTensor.of(positions));
    }

    /**
     * Values picked along {@code dim} by an index of the same rank, like
     * {@code torch.gather(x, dim, index)}: for a 2-D tensor and {@code dim} 1,
     * {@code out[i][j] = x[i][index[i][j]]}; for {@code dim} 0, {@code out[i][j] = x[index[i][j]][j]}.
     * The result has the index's shape, which may be smaller than this tensor's in every
     * dimension but {@code dim} (PyTorch's rule). Picking each row's label column out of the
     * log-probabilities is the cross-entropy's {@code gather(1, labels.unsqueeze(1))}.
     *
     * <pre>{@code
     * Tensor logProbs = Tensor.of(new float[][] {{-0.1f, -2.3f}, {-1.6f, -0.2f}});
     * IndexTensor labels = IndexTensor.of(0, 1);
     * logProbs.gather(1, labels.unsqueeze(1))                 // [[-0.1], [-0.2]], shape [2, 1]
     * Tensor loss = logProbs.gather(1, labels.unsqueeze(1)).mean().neg();
     * }</pre>
     *
     * @param dim   the dimension the indices run along, negative counting from the end
     * @param index indices in {@code 0..size(dim)-1}, with {@code dim()} dimensions, each no
     *              larger than this tensor's except {@code dim}
     * @return a new contiguous tensor of the index's shape
     * @throws IllegalArgumentException if the ranks differ or the index is larger in a
     *                                  dimension other than {@code dim}
     * @throws IndexOutOfBoundsException if an index is negative or not below {@code size(dim)}
     */
    public Tensor gather(int dim, IndexTensor index) {
        int rank = shape.length;
        int d = Shapes.dim("gather", dim, rank);
        int[] indexShape = index.shapeRef();
        if (indexShape.length != rank) {
            throw new IllegalArgumentException("gather: the index must have as many dimensions as the input ("
                    + rank + "), got index shape " + Shapes.str(indexShape) + " for input " + Shapes.str(shape));
        }
        for (int k = 0; k < rank; k++) {
            if (k != d && indexShape[k] > shape[k]) {
                throw new IllegalArgumentException("gather: index shape " + Shapes.str(indexShape)
                        + " is larger than input shape " + Shapes.str(shape) + " in dimension " + k
                        + " (only dimension " + d + " may be)");
            }
        }
        int size = rank == 0 ? 1 : shape[d];
        int stride = rank == 0 ? 0 : strides[d];
        int[] positions = index.data();
        float[] out = new float[positions.length];
        int[] counter = new int[rank];
        int at = offset;
        for (int i = 0; i < out.length; i++) {
            int position = positions[i];
            if (position < 0 || position >= size) {
                throw new IndexOutOfBoundsException("gather: index " + position + " at " + Arrays.toString(counter)
                        + " is out of bounds for dimension " + d + " with size " + size);
            }
            out[i] = data[at + position * stride];
            for (int k = rank - 1; k >= 0; k--) {
                int step = k == d ? 0 : strides[k];
                at += step;
                if (++counter[k] < indexShape[k]) {
                    break;
                }
                at -= step * indexShape[k];
                counter[k] = 0;
            }
        }
        return wrap(out, indexShape.clone());
    }

    /**
     * One-hot vectors along a new last dimension, like
     * {@code torch.nn.functional.one_hot(labels, numClasses).float()}: position {@code labels[i]}
     * of row {@code i} is 1, the others 0.
     *
     * <pre>{@code
     * Tensor.oneHot(IndexTensor.of(1, 0, 2), 3)   // [[0, 1, 0], [1, 0, 0], [0, 0, 1]], shape [3, 3]
     * Tensor y = Tensor.oneHot(logits.argmax(1, false), 10);   // the predictions as one-hot rows
     * }</pre>
     *
     * @param labels     class indices, each in {@code [0, numClasses)}
     * @param numClasses the length of the new dimension
     * @return a tensor of shape {@code labels.shape()} followed by {@code numClasses}
     * @throws IndexOutOfBoundsException if a label is outside {@code [0, numClasses)}
     */
    public static Tensor oneHot(IndexTensor labels, int numClasses) {
        Tensor rows = oneHot(labels.data(), numClasses);
        int[] outShape = Arrays.copyOf(labels.shapeRef(), labels.dim() + 1);
        outShape[labels.dim()] = numClasses;
        return new Tensor(rows.data, outShape, Shapes.contiguousStrides(outShape), 0);
    }

    // ---------------------------------------------------------------------------------------
    // Sliding windows
    // ---------------------------------------------------------------------------------------

    /**
     * Col2im, like {@code torch.nn.functional.fold(x, output_size, kernel_size, dilation,
     * padding, stride)}: the inverse arrangement of an im2col. Column {@code l} of this
     * {@code [N, C·kh·kw, L]} tensor (or {@code [C·kh·kw, L]} without a batch) holds the
     * {@code C × kh × kw} window number {@code l} (row-major over the window positions); each
     * value is added to the pixel of the {@code [N, C, H, W]} output it covers, so where windows
     * overlap their values add up, and values that fall on the padding are dropped. The
     * windows are those of an {@code H × W} image padded by {@code padding}: {@code L} must be
     * {@code nH · nW} with {@code nH = (H + 2·padH − dilH·(kh − 1) − 1) / strideH + 1} (and the
     * same across).
     *
     * <p>It pairs with an im2col made of {@link #unfold(int, int, int)}: for that layout,
     * {@code fold} is the backward pass (the adjoint) of the unfolding, which is what a
     * convolution's input gradient needs. Each output pixel adds its window values in the order
     * of the rows ({@code c}, then {@code ki}, then {@code kj}), starting from 0, as PyTorch's
     * kernel does.
     *
     * <pre>{@code
     * // im2col of x [N, C, H, W], 3 x 3 windows, padding 1, stride 1: [N, C·9, H·W]
     * Tensor cols = x.pad(1, 1, 1, 1).unfold(2, 3, 1).unfold(3, 3, 1)     // [N, C, H, W, 3, 3]
     *         .permute(0, 1, 4, 5, 2, 3).reshape(N, C * 9, H * W);
     * Tensor dX = dCols.fold(new int[] {H, W}, new int[] {3, 3}, new int[] {1, 1},
     *         new int[] {1, 1}, new int[] {1, 1});                          // [N, C, H, W]
     * Tensor.ones(1, 4, 4).fold(new int[] {3, 3}, new int[] {2, 2}, new int[] {1, 1},
     *         new int[] {0, 0}, new int[] {1, 1})                          // how many windows
     * // cover each pixel: [[[[1, 2, 1], [2, 4, 2], [1, 2, 1]]]]
     * }</pre>
     *
     * @param outputSize {@code {H, W}}, the output's spatial size
     * @param kernelSize {@code {kh, kw}}, positive
     * @param dilation   {@code {dilH, dilW}}, the spacing of a window's elements, positive
     * @param padding    {@code {padH, padW}}, not negative
     * @param stride     {@code {strideH, strideW}}, positive
     * @return a new contiguous tensor {@code [N, C, H, W]} ({@code [C, H, W]} for a 2-D input)
     * @throws IllegalArgumentException if the input is not 2-D or 3-D, {@code C·kh·kw} does not
     *                                  divide its rows, or {@code L} is not the number of windows
     */
    public Tensor fold(int[] outputSize, int[] kernelSize, int[] dilation, int[] padding, int[] stride) {
        for (int[] pair : new int[][] {outputSize, kernelSize, dilation, padding, stride}) {
            if (pair.length != 2) {
                throw new IllegalArgumentException("fold: output size, kernel size, dilation, padding and stride"
                        + " take two values each (height, width), got " + Arrays.toString(pair));
            }
        }
        if (kernelSize[0] <= 0 || kernelSize[1] <= 0 || dilation[0] <= 0 || dilation[1] <= 0 || stride[0] <= 0
                || stride[1] <= 0 || padding[0] < 0 || padding[1] < 0 || outputSize[0] < 0 || outputSize[1] < 0) {
            throw new IllegalArgumentException("fold: kernel size, dilation and stride must be positive, padding"
                    + " and output size not negative, got output size " + Arrays.toString(outputSize)
                    + ", kernel size " + Arrays.toString(kernelSize) + ", dilation " + Arrays.toString(dilation)
                    + ", padding " + Arrays.toString(padding) + ", stride " + Arrays.toString(stride));
        }
        if (shape.length != 2 && shape.length != 3) {
            throw new IllegalArgumentException("fold: expected an input of shape [N, C·kh·kw, L] or [C·kh·kw, L],"
                    + " got " + Shapes.str(shape));
        }
        boolean batched = shape.length == 3;
        int n = batched ? shape[0] : 1;
        int rows = shape[shape.length - 2];
        int length = shape[shape.length - 1];
        int kh = kernelSize[0];
        int kw = kernelSize[1];
        if (rows % (kh * kw) != 0) {
            throw new IllegalArgumentException("fold: " + rows + " rows of input " + Shapes.str(shape)
                    + " are not a whole number of " + kh + " x " + kw + " windows (C·kh·kw)");
        }
        int channels = rows / (kh * kw);
        int h = outputSize[0];
        int w = outputSize[1];
        int blocksH = Math.floorDiv(h + 2 * padding[0] - dilation[0] * (kh - 1) - 1, stride[0]) + 1;
        int blocksW = Math.floorDiv(w + 2 * padding[1] - dilation[1] * (kw - 1) - 1, stride[1]) + 1;
        if (blocksH <= 0 || blocksW <= 0 || (long) blocksH * blocksW != length) {
            throw new IllegalArgumentException("fold: output size " + Arrays.toString(outputSize) + " with kernel "
                    + Arrays.toString(kernelSize) + ", dilation " + Arrays.toString(dilation) + ", padding "
                    + Arrays.toString(padding) + " and stride " + Arrays.toString(stride) + " has "
                    + Math.max(blocksH, 0) + " x " + Math.max(blocksW, 0) + " windows, but the input "
                    + Shapes.str(shape) + " has L = " + length);
        }
        int[] outShape = batched ? new int[] {n, channels, h, w} : new int[] {channels, h, w};
        float[] out = new float[Shapes.numel("fold", outShape)];
        int sn = batched ? strides[0] : 0;
        Windows.fold(data, offset, sn, strides[shape.length - 2], strides[shape.length - 1], out, n, channels, h, w,
                new Windows.Geometry(kh, kw, dilation[0], dilation[1], padding[0], padding[1], stride[0], stride[1],
                        blocksH, blocksW));
        return wrap(out, outShape);
    }

    /**
     * {@link #fold(int[], int[], int[], int[], int[])} with square windows: the same kernel
     * size, dilation, padding and stride across and down, in PyTorch's argument order.
     *
     * <pre>{@code
     * Tensor dX = dCols.fold(new int[] {H, W}, 3, 1, 1, 1);   // kernel 3, dilation 1, padding 1, stride 1
     * }</pre>
     *
     * @param outputSize {@code {H, W}}
     * @param kernelSize the window's side, positive
     * @param dilation   the spacing of a window's elements, positive (1 for adjacent elements)
     * @param padding    the padding on every side, not negative
     * @param stride     the distance between windows, positive
     * @return a new contiguous tensor {@code [N, C, H, W]} ({@code [C, H, W]} for a 2-D input)
     */
    public Tensor fold(int[] outputSize, int kernelSize, int dilation, int padding, int stride) {
        return fold(outputSize, new int[] {kernelSize, kernelSize}, new int[] {dilation, dilation},
                new int[] {padding, padding}, new int[] {stride, stride});
    }

    // ---------------------------------------------------------------------------------------
    // Comparison helpers
    // ---------------------------------------------------------------------------------------

    /**
     * Whether every element is close to {@code other}'s with {@code torch.allclose}'s default
     * tolerances ({@code rtol = 1e-5}, {@code atol = 1e-8}); see
     * {@link #allClose(Tensor, double, double)}.
     *
     * <pre>{@code
     * assert myOutput.allClose(expected);
     * }</pre>
     *
     * @param other the reference, broadcastable with this shape
     * @return true if all elements are close
     */
    public boolean allClose(Tensor other) {
        return allClose(other, 1e-5, 1e-8);
    }

    /**
     * Whether {@code |a - b| <= atol + rtol * |b|} holds for every pair of elements, {@code a}
     * from this tensor and {@code b} from {@code other} (the reference), the shapes broadcasting
     * as in {@code torch.allclose}. Computed in double. NaN is never close to anything, and
     * unlike {@code torch.allclose} neither is infinity, even to itself: a non-finite value means
     * the computation diverged.
     *
     * <pre>{@code
     * Tensor.of(1f).allClose(Tensor.of(1.001f), 1e-2, 0)   // true
     * }</pre>
     *
     * @param other the reference, broadcastable with this shape
     * @param rtol  relative tolerance
     * @param atol  absolute tolerance
     * @return true if all elements are close
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public boolean allClose(Tensor other, double rtol, double atol) {
        int[] common = Shapes.broadcast("allClose", shape, other.shape);
        float[] a = broadcastTo(common).toArray();
        float[] b = other.broadcastTo(common).toArray();
        for (int i = 0; i < a.length; i++) {
            double diff = Math.abs((double) a[i] - b[i]);
            if (!(diff <= atol + rtol * Math.abs((double) b[i])) || !Float.isFinite(a[i])
                    || !Float.isFinite(b[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether any element is NaN or infinite.
     *
     * <pre>{@code
     * if (loss.hasNonFinite()) throw new IllegalStateException("training diverged");
     * }</pre>
     *
     * @return true if some element is not finite
     */
    public boolean hasNonFinite() {
        for (float v : toArray()) {
            if (!Float.isFinite(v)) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------------------------------
    // Object
    // ---------------------------------------------------------------------------------------

    /**
     * The tensor printed as PyTorch prints it with default options: 4 decimals and aligned
     * columns, {@code 1.} style when all values are integers, scientific notation when the
     * magnitudes span more than a factor 1000 (or exceed 1e8, or go below 1e-4), and summarised
     * with {@code ...} (first and last 3 per dimension) above 1000 elements.
     *
     * <pre>{@code
     * Tensor.of(new float[][] {{1, -2.5f}, {0, 3}}).toString()
     * // tensor([[ 1.0000, -2.5000],
     * //         [ 0.0000,  3.0000]])
     * Tensor.scalar(0.9362f).toString()   // tensor(0.9362)
     * }</pre>
     *
     * @return the printout
     */
    @Override
    public String toString() {
        return TensorFormat.format(toArray(), shape);
    }

    /**
     * Exact equality: the same shape and bit-for-bit the same values in row-major order, with
     * {@link Float#equals} semantics (NaN equals NaN, {@code 0.0} differs from {@code -0.0}).
     * Views and copies of equal contents are equal; for tolerances use {@link #allClose}.
     *
     * <pre>{@code
     * Tensor.of(1f, 2f).equals(Tensor.arange(3).slice(0, 1, 3))   // true
     * }</pre>
     *
     * @param obj the object to compare with
     * @return true if {@code obj} is a tensor of equal shape and values
     */
    @Override
    public boolean equals(Object obj) {
        if (this == obj) {
            return true;
        }
        if (!(obj instanceof Tensor other) || !Arrays.equals(shape, other.shape)) {
            return false;
        }
        return Arrays.equals(toArray(), other.toArray());
    }

    /**
     * A hash of the shape and values, consistent with {@link #equals}.
     *
     * <pre>{@code
     * Set<Tensor> distinct = new HashSet<>(List.of(Tensor.zeros(2), Tensor.zeros(2)));   // one
     * }</pre>
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(toArray());
    }
}
