package io.cnnhomework.grader.reference;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.cnnhomework.tensor.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decodes ONNX protobuf messages into tensors: a single {@code TensorProto} per {@code .pb} file,
 * and a {@code ModelProto}'s initializers. Values may come as little-endian {@code raw_data} or
 * in the typed fields ({@code float_data}, {@code int64_data}, ...); data stored outside the file
 * and element types other than float32, float64, int32 and int64 are rejected.
 */
public final class OnnxTensors {

    private OnnxTensors() {
    }

    /**
     * Parses a serialized {@code TensorProto}.
     *
     * @param bytes the file's content
     * @param source the file, for messages
     * @return the message
     */
    public static TensorProto parseTensor(byte[] bytes, Path source) {
        try {
            return TensorProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new ReferenceDataException(source, "not an ONNX TensorProto (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Parses a serialized {@code ModelProto} and returns its initializers by name, in file order.
     *
     * @param bytes the file's content
     * @param source the file, for messages
     * @return initializer name to tensor
     */
    public static Map<String, Tensor> initializers(byte[] bytes, Path source) {
        ModelProto model;
        try {
            model = ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new ReferenceDataException(source, "not an ONNX model (" + e.getMessage() + ")", e);
        }
        if (!model.hasGraph()) {
            throw new ReferenceDataException(source, "ONNX model has no graph");
        }
        Map<String, Tensor> result = new LinkedHashMap<>();
        for (TensorProto initializer : model.getGraph().getInitializerList()) {
            if (isFloatType(initializer.getDataType())) {
                result.put(initializer.getName(), toTensor(initializer, source));
            }
        }
        return result;
    }

    /**
     * Decodes a floating-point tensor.
     *
     * @param proto the message
     * @param source the file, for messages
     * @return the values as float32
     */
    public static Tensor toTensor(TensorProto proto, Path source) {
        int[] shape = shapeOf(proto, source);
        int count = elementCount(shape, proto, source);
        float[] values = new float[count];
        switch (proto.getDataType()) {
            case TensorProto.DataType.FLOAT_VALUE -> {
                if (!proto.getRawData().isEmpty()) {
                    raw(proto, count, Float.BYTES, source).asFloatBuffer().get(values);
                } else {
                    requireCount(proto.getFloatDataCount(), count, proto, source);
                    for (int i = 0; i < count; i++) {
                        values[i] = proto.getFloatData(i);
                    }
                }
            }
            case TensorProto.DataType.DOUBLE_VALUE -> {
                double[] doubles = doubles(proto, count, source);
                for (int i = 0; i < count; i++) {
                    values[i] = (float) doubles[i];
                }
            }
            default -> throw new ReferenceDataException(source, "tensor " + describe(proto)
                    + " has element type " + typeName(proto.getDataType()) + "; expected float32 or float64");
        }
        return Tensor.of(values, shape);
    }

    /**
     * Decodes a 1-D integer tensor (labels, indices) into ints.
     *
     * @param proto the message
     * @param source the file, for messages
     * @return the values
     */
    public static int[] toIntArray(TensorProto proto, Path source) {
        int[] shape = shapeOf(proto, source);
        if (shape.length != 1) {
            throw new ReferenceDataException(source, "tensor " + describe(proto) + " should be 1-D but has shape "
                    + Arrays.toString(shape));
        }
        int count = shape[0];
        long[] longs = new long[count];
        switch (proto.getDataType()) {
            case TensorProto.DataType.INT64_VALUE -> {
                if (!proto.getRawData().isEmpty()) {
                    raw(proto, count, Long.BYTES, source).asLongBuffer().get(longs);
                } else {
                    requireCount(proto.getInt64DataCount(), count, proto, source);
                    for (int i = 0; i < count; i++) {
                        longs[i] = proto.getInt64Data(i);
                    }
                }
            }
            case TensorProto.DataType.INT32_VALUE -> {
                if (!proto.getRawData().isEmpty()) {
                    int[] ints = new int[count];
                    raw(proto, count, Integer.BYTES, source).asIntBuffer().get(ints);
                    return ints;
                }
                requireCount(proto.getInt32DataCount(), count, proto, source);
                for (int i = 0; i < count; i++) {
                    longs[i] = proto.getInt32Data(i);
                }
            }
            default -> throw new ReferenceDataException(source, "tensor " + describe(proto)
                    + " has element type " + typeName(proto.getDataType()) + "; expected int64 or int32");
        }
        int[] ints = new int[count];
        for (int i = 0; i < count; i++) {
            if (longs[i] != (int) longs[i]) {
                throw new ReferenceDataException(source, "tensor " + describe(proto) + " value " + longs[i]
                        + " at [" + i + "] does not fit an int");
            }
            ints[i] = (int) longs[i];
        }
        return ints;
    }

    /** The element type name as the manifest writes it. */
    static String dtypeName(int dataType) {
        return switch (dataType) {
            case TensorProto.DataType.FLOAT_VALUE -> "float32";
            case TensorProto.DataType.DOUBLE_VALUE -> "float64";
            case TensorProto.DataType.INT32_VALUE -> "int32";
            case TensorProto.DataType.INT64_VALUE -> "int64";
            default -> typeName(dataType);
        };
    }

    static int[] shapeOf(TensorProto proto, Path source) {
        if (proto.getDataLocation() == TensorProto.DataLocation.EXTERNAL || proto.getExternalDataCount() > 0) {
            throw new ReferenceDataException(source, "tensor " + describe(proto)
                    + " keeps its data in an external file; export with all data inside the file");
        }
        int[] shape = new int[proto.getDimsCount()];
        for (int i = 0; i < shape.length; i++) {
            long dim = proto.getDims(i);
            if (dim < 0 || dim > Integer.MAX_VALUE) {
                throw new ReferenceDataException(source, "tensor " + describe(proto) + " has invalid dimension " + dim);
            }
            shape[i] = (int) dim;
        }
        return shape;
    }

    private static boolean isFloatType(int dataType) {
        return dataType == TensorProto.DataType.FLOAT_VALUE || dataType == TensorProto.DataType.DOUBLE_VALUE;
    }

    private static int elementCount(int[] shape, TensorProto proto, Path source) {
        long count = 1;
        for (int dim : shape) {
            count *= dim;
            if (count > Integer.MAX_VALUE) {
                throw new ReferenceDataException(source, "tensor " + describe(proto) + " is too large");
            }
        }
        return (int) count;
    }

    private static double[] doubles(TensorProto proto, int count, Path source) {
        double[] doubles = new double[count];
        if (!proto.getRawData().isEmpty()) {
            raw(proto, count, Double.BYTES, source).asDoubleBuffer().get(doubles);
        } else {
            requireCount(proto.getDoubleDataCount(), count, proto, source);
            for (int i = 0; i < count; i++) {
                doubles[i] = proto.getDoubleData(i);
            }
        }
        return doubles;
    }

    private static ByteBuffer raw(TensorProto proto, int count, int elementBytes, Path source) {
        ByteString raw = proto.getRawData();
        if (raw.size() != (long) count * elementBytes) {
            throw new ReferenceDataException(source, "tensor " + describe(proto) + " raw_data has " + raw.size()
                    + " bytes but its shape needs " + (long) count * elementBytes);
        }
        return raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void requireCount(int actual, int expected, TensorProto proto, Path source) {
        if (actual != expected) {
            throw new ReferenceDataException(source, "tensor " + describe(proto) + " holds " + actual
                    + " values but its shape needs " + expected);
        }
    }

    private static String describe(TensorProto proto) {
        return proto.getName().isEmpty() ? "(unnamed)" : proto.getName();
    }

    private static String typeName(int dataType) {
        TensorProto.DataType type = TensorProto.DataType.forNumber(dataType);
        return type == null ? "#" + dataType : type.name();
    }
}
