package io.cnnhomework.grader.isolation;

import io.cnnhomework.grader.exercise.Produced;
import io.cnnhomework.grader.messages.Text;
import io.cnnhomework.tensor.Tensor;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The building blocks of the child JVM's protocol ({@link Wire}): big-endian binary encodings of
 * strings, arrays, tensors, named maps and messages.
 *
 * <p>A string is an {@code int} byte count and UTF-8 bytes ({@code -1}: null); an array or
 * collection an {@code int} count ({@code -1}: null) and its elements; a tensor its element count
 * ({@code -1}: null), a rank byte, its sizes and its float32 elements in row-major order; an
 * optional value a presence byte. Maps keep their order.
 *
 * <p>The reader trusts nothing: every count is checked against a cap ({@link #MAX_TENSOR_ELEMENTS},
 * {@link #MAX_STRING_BYTES}, {@link #MAX_COLLECTION}, {@link #MAX_TEXT_DEPTH}) before anything is
 * allocated, and arrays grow only as their bytes actually arrive, so a truncated or hostile value
 * ends in an {@link IOException} naming what was wrong, never in an {@link OutOfMemoryError}.
 * Writers check the same caps, so whatever is written can be read back.
 */
final class ValueCodec {

    /** Most elements of one tensor or int array: 16M (64 MB of float32), as {@link Produced#MAX_TENSOR_ELEMENTS}. */
    static final int MAX_TENSOR_ELEMENTS = Produced.MAX_TENSOR_ELEMENTS;

    /** Most dimensions of one tensor. */
    static final int MAX_RANK = 16;

    /** Longest string and longest captured output, in UTF-8 bytes. */
    static final int MAX_STRING_BYTES = 1 << 16;

    /** Most entries of a map or list, and most values of a double array. */
    static final int MAX_COLLECTION = 100_000;

    /** Deepest nesting of {@link Text} arguments. */
    static final int MAX_TEXT_DEPTH = 16;

    /** Most arguments of one {@link Text}. */
    static final int MAX_TEXT_ARGS = 64;

    /** Arrays are read and written in slices of this many bytes. */
    static final int CHUNK = 1 << 20;

    /**
     * Writes a message. Its string arguments are display text, possibly quoting student code, so
     * one longer than {@link #MAX_STRING_BYTES} is shortened rather than refused.
     *
     * @param out where to write
     * @param text the message, or {@code null}
     * @throws IOException if the stream fails
     * @throws IllegalArgumentException if it nests deeper than {@link #MAX_TEXT_DEPTH} or has more
     *     than {@link #MAX_TEXT_ARGS} arguments
     */
    static void writeText(DataOutput out, Text text) throws IOException {
        out.writeBoolean(text != null);
        if (text != null) {
            writeText(out, text, 1);
        }
    }

    private static void writeText(DataOutput out, Text text, int depth) throws IOException {
        if (depth > MAX_TEXT_DEPTH) {
            throw new IllegalArgumentException("message " + text.key() + " nests deeper than " + MAX_TEXT_DEPTH);
        }
        writeString(out, text.key());
        writeCount(out, text.args().size(), MAX_TEXT_ARGS, "arguments of " + text.key());
        for (Object arg : text.args()) {
            if (arg instanceof Text nested) {
                out.writeByte(1);
                writeText(out, nested, depth + 1);
            } else {
                out.writeByte(0);
                writeString(out, shortened((String) arg));
            }
        }
    }

    /**
     * @param in where to read
     * @return the message, or {@code null}
     * @throws IOException if the data is truncated, malformed or nested too deep
     */
    static Text readText(DataInput in) throws IOException {
        return presence(in, "text") ? readText(in, 1) : null;
    }

    private static Text readText(DataInput in, int depth) throws IOException {
        if (depth > MAX_TEXT_DEPTH) {
            throw new IOException("message nests deeper than " + MAX_TEXT_DEPTH);
        }
        String key = readString(in);
        if (key == null) {
            throw new IOException("a message needs a key");
        }
        int count = readCount(in, MAX_TEXT_ARGS, "arguments of " + key, false);
        List<Object> args = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte tag = in.readByte();
            switch (tag) {
                case 0 -> {
                    String arg = readString(in);
                    if (arg == null) {
                        throw new IOException("argument " + i + " of " + key + " is null");
                    }
                    args.add(arg);
                }
                case 1 -> args.add(readText(in, depth + 1));
                default -> throw new IOException("argument " + i + " of " + key + " has unknown tag " + tag);
            }
        }
        return new Text(key, args);
    }

    /**
     * @param out where to write
     * @param tensor shape and float32 data, or {@code null}
     * @throws IOException if the stream fails
     * @throws IllegalArgumentException if it has more than {@link #MAX_TENSOR_ELEMENTS} elements
     *     or {@link #MAX_RANK} dimensions
     */
    static void writeTensor(DataOutput out, Tensor tensor) throws IOException {
        if (tensor == null) {
            out.writeInt(-1);
            return;
        }
        int[] shape = tensor.shape();
        if (shape.length > MAX_RANK) {
            throw new IllegalArgumentException("tensor of rank " + shape.length + " exceeds " + MAX_RANK);
        }
        // counted from the shape before anything is materialised: a broadcast view of 2^30 elements costs nothing until copied
        long elements = 1;
        for (int size : shape) {
            elements = Math.min(elements * Math.max(size, 0), Long.MAX_VALUE / Integer.MAX_VALUE);
        }
        if (elements > MAX_TENSOR_ELEMENTS) {
            throw new IllegalArgumentException("a tensor of shape " + Arrays.toString(shape) + " has " + elements
                    + " elements, more than the " + MAX_TENSOR_ELEMENTS + " the grader accepts");
        }
        float[] data = tensor.toArray();
        writeCount(out, data.length, MAX_TENSOR_ELEMENTS, "tensor " + Arrays.toString(shape));
        // the count first: it doubles as the null marker, and the reader checks it against the cap and the shape
        out.writeByte(shape.length);
        for (int size : shape) {
            out.writeInt(size);
        }
        ByteBuffer chunk = ByteBuffer.allocate(Math.min(data.length * Float.BYTES, CHUNK));
        for (int at = 0; at < data.length; ) {
            int n = Math.min(data.length - at, chunk.capacity() / Float.BYTES);
            chunk.clear();
            chunk.asFloatBuffer().put(data, at, n);
            out.write(chunk.array(), 0, n * Float.BYTES);
            at += n;
        }
    }

    /**
     * @param in where to read
     * @return the tensor, or {@code null}
     * @throws IOException if the data is truncated or malformed, or the tensor exceeds a cap
     */
    static Tensor readTensor(DataInput in) throws IOException {
        int count = readCount(in, MAX_TENSOR_ELEMENTS, "tensor", true);
        if (count < 0) {
            return null;
        }
        int rank = in.readByte();
        if (rank < 0 || rank > MAX_RANK) {
            throw new IOException("tensor rank " + rank + " outside 0.." + MAX_RANK);
        }
        int[] shape = new int[rank];
        long product = 1;
        for (int d = 0; d < rank; d++) {
            shape[d] = in.readInt();
            if (shape[d] < 0) {
                throw new IOException("tensor size " + shape[d] + " in dimension " + d + " is negative");
            }
            product = Math.min(product * shape[d], Long.MAX_VALUE / Integer.MAX_VALUE);
        }
        if (product != count) {
            throw new IOException("tensor of shape " + Arrays.toString(shape) + " cannot hold " + count + " elements");
        }
        // the bytes first: a claimed size allocates nothing until the data has actually arrived
        ByteBuffer bytes = ByteBuffer.wrap(readBytes(in, (long) count * Float.BYTES, "tensor " + Arrays.toString(shape)));
        float[] data = new float[count];
        bytes.asFloatBuffer().get(data);
        return Tensor.of(data, shape);
    }

    /**
     * @param out where to write
     * @param values the values, or {@code null}
     * @throws IOException if the stream fails
     */
    static void writeDoubles(DataOutput out, double[] values) throws IOException {
        if (values == null) {
            out.writeInt(-1);
            return;
        }
        writeCount(out, values.length, MAX_COLLECTION, "double array");
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Double.BYTES);
        bytes.asDoubleBuffer().put(values);
        out.write(bytes.array());
    }

    /**
     * @param in where to read
     * @return the values, or {@code null}
     * @throws IOException if the data is truncated or malformed
     */
    static double[] readDoubles(DataInput in) throws IOException {
        int count = readCount(in, MAX_COLLECTION, "double array", true);
        if (count < 0) {
            return null;
        }
        ByteBuffer bytes = ByteBuffer.wrap(readBytes(in, (long) count * Double.BYTES, "double array"));
        double[] values = new double[count];
        bytes.asDoubleBuffer().get(values);
        return values;
    }

    /**
     * @param out where to write
     * @param values the values, or {@code null}
     * @throws IOException if the stream fails
     */
    static void writeInts(DataOutput out, int[] values) throws IOException {
        if (values == null) {
            out.writeInt(-1);
            return;
        }
        writeCount(out, values.length, MAX_TENSOR_ELEMENTS, "int array");
        ByteBuffer chunk = ByteBuffer.allocate(Math.min(values.length * Integer.BYTES, CHUNK));
        for (int at = 0; at < values.length; ) {
            int n = Math.min(values.length - at, chunk.capacity() / Integer.BYTES);
            chunk.clear();
            chunk.asIntBuffer().put(values, at, n);
            out.write(chunk.array(), 0, n * Integer.BYTES);
            at += n;
        }
    }

    /**
     * @param in where to read
     * @return the values, or {@code null}
     * @throws IOException if the data is truncated or malformed
     */
    static int[] readInts(DataInput in) throws IOException {
        int count = readCount(in, MAX_TENSOR_ELEMENTS, "int array", true);
        if (count < 0) {
            return null;
        }
        ByteBuffer bytes = ByteBuffer.wrap(readBytes(in, (long) count * Integer.BYTES, "int array"));
        int[] values = new int[count];
        bytes.asIntBuffer().get(values);
        return values;
    }

    /**
     * @param out where to write
     * @param tensors named tensors in their order, values possibly {@code null}; or {@code null}
     * @throws IOException if the stream fails
     */
    static void writeTensorMap(DataOutput out, Map<String, Tensor> tensors) throws IOException {
        if (tensors == null) {
            out.writeInt(-1);
            return;
        }
        writeCount(out, tensors.size(), MAX_COLLECTION, "tensor map");
        for (Map.Entry<String, Tensor> entry : tensors.entrySet()) {
            writeString(out, requireKey(entry.getKey()));
            writeTensor(out, entry.getValue());
        }
    }

    /**
     * @param in where to read
     * @return the named tensors in the order written (a {@link LinkedHashMap}), or {@code null}
     * @throws IOException if the data is truncated or malformed, or a name repeats
     */
    static Map<String, Tensor> readTensorMap(DataInput in) throws IOException {
        int count = readCount(in, MAX_COLLECTION, "tensor map", true);
        if (count < 0) {
            return null;
        }
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String key = readKey(in, tensors, "tensor map");
            tensors.put(key, readTensor(in));
        }
        return tensors;
    }

    /**
     * @param out where to write
     * @param values named numbers in their order, or {@code null}
     * @throws IOException if the stream fails
     */
    static void writeDoubleMap(DataOutput out, Map<String, Double> values) throws IOException {
        if (values == null) {
            out.writeInt(-1);
            return;
        }
        writeCount(out, values.size(), MAX_COLLECTION, "number map");
        for (Map.Entry<String, Double> entry : values.entrySet()) {
            writeString(out, requireKey(entry.getKey()));
            if (entry.getValue() == null) {
                throw new IllegalArgumentException("number " + entry.getKey() + " is null");
            }
            out.writeDouble(entry.getValue());
        }
    }

    /**
     * @param in where to read
     * @return the named numbers in the order written, or {@code null}
     * @throws IOException if the data is truncated or malformed, or a name repeats
     */
    static Map<String, Double> readDoubleMap(DataInput in) throws IOException {
        int count = readCount(in, MAX_COLLECTION, "number map", true);
        if (count < 0) {
            return null;
        }
        Map<String, Double> values = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String key = readKey(in, values, "number map");
            values.put(key, in.readDouble());
        }
        return values;
    }

    /**
     * @param out where to write
     * @param text the string, or {@code null}
     * @throws IOException if the stream fails
     * @throws IllegalArgumentException if it is longer than {@link #MAX_STRING_BYTES} in UTF-8
     */
    static void writeString(DataOutput out, String text) throws IOException {
        if (text == null) {
            out.writeInt(-1);
            return;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        writeCount(out, bytes.length, MAX_STRING_BYTES, "string");
        out.write(bytes);
    }

    /**
     * @param in where to read
     * @return the string, or {@code null}
     * @throws IOException if the data is truncated or the length exceeds the cap
     */
    static String readString(DataInput in) throws IOException {
        int length = readCount(in, MAX_STRING_BYTES, "string", true);
        return length < 0 ? null : new String(readBytes(in, length, "string"), StandardCharsets.UTF_8);
    }

    static String requireKey(String key) {
        if (key == null) {
            throw new IllegalArgumentException("map key is null");
        }
        return key;
    }

    static String readKey(DataInput in, Map<String, ?> map, String what) throws IOException {
        String key = readString(in);
        if (key == null) {
            throw new IOException(what + " has a null key");
        }
        if (map.containsKey(key)) {
            throw new IOException(what + " repeats the key " + key);
        }
        return key;
    }

    static boolean presence(DataInput in, String what) throws IOException {
        byte flag = in.readByte();
        if (flag != 0 && flag != 1) {
            throw new IOException(what + ": presence byte " + flag + " is neither 0 nor 1");
        }
        return flag == 1;
    }

    static String shortened(String text) {
        if (text.length() * 3L <= MAX_STRING_BYTES || text.getBytes(StandardCharsets.UTF_8).length <= MAX_STRING_BYTES) {
            return text;
        }
        // a char is at most 3 UTF-8 bytes; keep whole surrogate pairs
        int end = (MAX_STRING_BYTES - 3) / 3;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }

    static void writeCount(DataOutput out, int count, int max, String what) throws IOException {
        if (count > max) {
            throw new IllegalArgumentException(what + " of " + count + " exceeds the limit of " + max);
        }
        out.writeInt(count);
    }

    static int readCount(DataInput in, int max, String what, boolean nullable) throws IOException {
        int count = in.readInt();
        if ((count < 0 && !(nullable && count == -1)) || count > max) {
            throw new IOException(what + ": length " + count + " outside 0.." + max);
        }
        return count;
    }

    /** Reads {@code length} bytes, growing the array only as they arrive. */
    static byte[] readBytes(DataInput in, long length, String what) throws IOException {
        byte[] bytes = new byte[(int) Math.min(length, CHUNK)];
        int filled = 0;
        try {
            while (filled < length) {
                if (filled == bytes.length) {
                    bytes = Arrays.copyOf(bytes, (int) Math.min(length, 2L * bytes.length));
                }
                int n = bytes.length - filled;
                in.readFully(bytes, filled, n);
                filled += n;
            }
        } catch (EOFException e) {
            throw new EOFException("truncated frame: the stream ended inside a " + what + " of " + length + " bytes");
        }
        return bytes;
    }

    private ValueCodec() {
    }
}
