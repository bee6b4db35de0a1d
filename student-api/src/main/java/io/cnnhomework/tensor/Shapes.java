package io.cnnhomework.tensor;

import java.util.Arrays;

/**
 * Shape arithmetic shared by {@link Tensor}: element counts, row-major strides, dimension
 * normalisation and NumPy broadcasting. Every failure message names the operation and carries
 * the shapes involved, because that is what a student needs to find the faulty line.
 */
final class Shapes {

    private Shapes() {
    }

    /** {@code [2, 3]}: the way shapes appear in every message. */
    static String str(int[] shape) {
        return Arrays.toString(shape);
    }

    /** Validates sizes (none negative) and returns the element count; the shape must fit an int. */
    static int numel(String op, int[] shape) {
        long n = 1;
        for (int size : shape) {
            if (size < 0) {
                throw new IllegalArgumentException(
                        op + ": negative size " + size + " in shape " + str(shape));
            }
            n *= size;
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(
                        op + ": shape " + str(shape) + " has more than " + Integer.MAX_VALUE + " elements");
            }
        }
        return (int) n;
    }

    /**
     * {@code newShape} with its {@code -1} (at most one) replaced by the size that keeps
     * {@code numel} elements.
     */
    static int[] reshaped(String op, int[] shape, int numel, int[] newShape) {
        int[] resolved = newShape.clone();
        int inferred = -1;
        long known = 1;
        for (int d = 0; d < resolved.length; d++) {
            if (resolved[d] == -1) {
                if (inferred >= 0) {
                    throw new IllegalArgumentException(op + ": only one dimension can be -1, got " + str(newShape));
                }
                inferred = d;
            } else if (resolved[d] < 0) {
                throw new IllegalArgumentException(op + ": invalid size " + resolved[d] + " in " + str(newShape));
            } else {
                known *= resolved[d];
            }
        }
        if (inferred >= 0 && known != 0 && numel % known == 0) {
            resolved[inferred] = (int) (numel / known);
        } else if (inferred >= 0 || known != numel) {
            throw new IllegalArgumentException(op + ": cannot reshape " + str(shape) + " (" + numel
                    + " elements) into " + str(newShape));
        }
        return resolved;
    }

    /** Row-major strides of a contiguous tensor of this shape. */
    static int[] contiguousStrides(int[] shape) {
        int[] strides = new int[shape.length];
        int stride = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            strides[d] = stride;
            stride *= Math.max(shape[d], 1);
        }
        return strides;
    }

    /**
     * Maps a possibly negative dimension into {@code 0..rank-1}, as PyTorch does: {@code -1} is the
     * last dimension.
     */
    static int dim(String op, int dim, int rank) {
        return dimIn(op, dim, rank, rank);
    }

    /**
     * Like {@link #dim} but for operations that insert a dimension ({@code unsqueeze},
     * {@code stack}), where {@code rank} itself is a valid position.
     */
    static int insertionDim(String op, int dim, int rank) {
        return dimIn(op, dim, rank + 1, rank);
    }

    private static int dimIn(String op, int dim, int positions, int rank) {
        // A 0-d tensor accepts dim 0 and -1, as PyTorch's scalars do.
        int n = Math.max(positions, 1);
        if (dim < -n || dim >= n) {
            throw new IllegalArgumentException(op + ": dimension " + dim + " is out of range for a "
                    + rank + "-d tensor (expected " + -n + ".." + (n - 1) + ")");
        }
        return dim < 0 ? dim + n : dim;
    }

    /**
     * Marks the reduced dimensions; an empty {@code dims} marks all of them (PyTorch's
     * {@code sum(dim=[])}). Repeated dimensions are rejected.
     */
    static boolean[] reducedMask(String op, int[] dims, int[] shape) {
        int rank = shape.length;
        boolean[] reduced = new boolean[rank];
        if (dims.length == 0) {
            Arrays.fill(reduced, true);
            return reduced;
        }
        for (int dim : dims) {
            int d = dim(op, dim, rank);
            if (rank == 0) {
                continue;
            }
            if (reduced[d]) {
                throw new IllegalArgumentException(
                        op + ": dimension " + dim + " appears more than once in " + Arrays.toString(dims));
            }
            reduced[d] = true;
        }
        return reduced;
    }

    /** NumPy broadcasting: align from the right; sizes must be equal or one of them 1. */
    static int[] broadcast(String op, int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int sa = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            int sb = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (sa != sb && sa != 1 && sb != 1) {
                throw new IllegalArgumentException(
                        op + ": cannot broadcast shapes " + str(a) + " and " + str(b));
            }
            out[i] = sa == 1 ? sb : sa;
        }
        return out;
    }

    /**
     * Strides that read a tensor of {@code shape}/{@code strides} as if it had the (broadcast)
     * shape {@code target}: broadcast dimensions get stride 0. The caller has checked
     * compatibility.
     */
    static int[] broadcastStrides(int[] shape, int[] strides, int[] target) {
        int[] out = new int[target.length];
        int shift = target.length - shape.length;
        for (int i = shift; i < target.length; i++) {
            int d = i - shift;
            out[i] = shape[d] == 1 && target[i] != 1 ? 0 : strides[d];
        }
        return out;
    }

    /** {@code shape} without dimension {@code dim}. */
    static int[] remove(int[] shape, int dim) {
        int[] out = new int[shape.length - 1];
        System.arraycopy(shape, 0, out, 0, dim);
        System.arraycopy(shape, dim + 1, out, dim, shape.length - dim - 1);
        return out;
    }

    /** {@code shape} with {@code value} inserted at position {@code dim}. */
    static int[] insert(int[] shape, int dim, int value) {
        int[] out = new int[shape.length + 1];
        System.arraycopy(shape, 0, out, 0, dim);
        out[dim] = value;
        System.arraycopy(shape, dim, out, dim + 1, shape.length - dim);
        return out;
    }

    /**
     * Whether two indices of a view with this shape and these strides (none 0 unless its size
     * is 1) can reach one storage location. Sorted by stride, the dimensions must each step over
     * everything the smaller ones span; that is exact for views made by slicing, permuting and
     * unfolding a contiguous tensor.
     */
    static boolean overlaps(int[] shape, int[] strides) {
        long[] extent = new long[shape.length];
        int[] size = new int[shape.length];
        int n = 0;
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] == 0) {
                return false;
            }
            if (shape[d] > 1) {
                // Insertion by stride: ranks are small.
                long stride = Math.abs((long) strides[d]);
                int at = n++;
                while (at > 0 && extent[at - 1] > stride) {
                    extent[at] = extent[at - 1];
                    size[at] = size[at - 1];
                    at--;
                }
                extent[at] = stride;
                size[at] = shape[d];
            }
        }
        long span = 0;
        for (int i = 0; i < n; i++) {
            if (extent[i] <= span) {
                return true;
            }
            span += extent[i] * (size[i] - 1);
        }
        return false;
    }
}
