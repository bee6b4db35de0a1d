package io.cnnhomework.grader.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import io.cnnhomework.tensor.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class OnnxTensorsTest {

    private static final Path SOURCE = Path.of("x.pb");

    @Test
    void rawDataIsReadLittleEndian() {
        ByteBuffer raw = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putFloat(1.5f).putFloat(-2f).putFloat(0f).putFloat(3.25f);
        TensorProto proto = TensorProto.newBuilder().setName("w").addDims(2).addDims(2)
                .setDataType(TensorProto.DataType.FLOAT_VALUE).setRawData(ByteString.copyFrom(raw.array())).build();

        Tensor tensor = OnnxTensors.toTensor(proto, SOURCE);

        assertArrayEquals(new int[] {2, 2}, tensor.shape());
        assertArrayEquals(new float[] {1.5f, -2f, 0f, 3.25f}, tensor.toArray());
    }

    @Test
    void floatDataFieldGivesTheSameTensorAsRawData() {
        TensorProto proto = TensorProto.newBuilder().setName("w").addDims(4)
                .setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addFloatData(1.5f).addFloatData(-2f).addFloatData(0f).addFloatData(3.25f).build();

        assertArrayEquals(new float[] {1.5f, -2f, 0f, 3.25f}, OnnxTensors.toTensor(proto, SOURCE).toArray());
    }

    @Test
    void int64LabelsInBothEncodingsBecomeInts() {
        ByteBuffer raw = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN).putLong(0).putLong(9).putLong(3);
        TensorProto rawProto = TensorProto.newBuilder().addDims(3).setDataType(TensorProto.DataType.INT64_VALUE)
                .setRawData(ByteString.copyFrom(raw.array())).build();
        TensorProto fieldProto = TensorProto.newBuilder().addDims(3).setDataType(TensorProto.DataType.INT64_VALUE)
                .addInt64Data(0).addInt64Data(9).addInt64Data(3).build();

        assertArrayEquals(new int[] {0, 9, 3}, OnnxTensors.toIntArray(rawProto, SOURCE));
        assertArrayEquals(new int[] {0, 9, 3}, OnnxTensors.toIntArray(fieldProto, SOURCE));
    }

    @Test
    void externalDataIsRejected() {
        TensorProto proto = TensorProto.newBuilder().setName("conv1.weight").addDims(2)
                .setDataType(TensorProto.DataType.FLOAT_VALUE).setDataLocation(TensorProto.DataLocation.EXTERNAL)
                .addExternalData(StringStringEntryProto.newBuilder().setKey("location").setValue("weights.bin")).build();

        ReferenceDataException e = assertThrows(ReferenceDataException.class, () -> OnnxTensors.toTensor(proto, SOURCE));

        assertEquals("x.pb: tensor conv1.weight keeps its data in an external file; export with all data inside the file",
                e.getMessage());
    }

    @Test
    void unknownElementTypeIsRejected() {
        TensorProto proto = TensorProto.newBuilder().setName("t").addDims(1)
                .setDataType(TensorProto.DataType.FLOAT16_VALUE).setRawData(ByteString.copyFrom(new byte[2])).build();

        ReferenceDataException e = assertThrows(ReferenceDataException.class, () -> OnnxTensors.toTensor(proto, SOURCE));

        assertEquals("x.pb: tensor t has element type FLOAT16; expected float32 or float64", e.getMessage());
    }

    @Test
    void rawDataOfTheWrongLengthIsRejected() {
        TensorProto proto = TensorProto.newBuilder().setName("t").addDims(3)
                .setDataType(TensorProto.DataType.FLOAT_VALUE).setRawData(ByteString.copyFrom(new byte[8])).build();

        ReferenceDataException e = assertThrows(ReferenceDataException.class, () -> OnnxTensors.toTensor(proto, SOURCE));

        assertEquals("x.pb: tensor t raw_data has 8 bytes but its shape needs 12", e.getMessage());
    }

    @Test
    void garbageIsNotATensor() {
        ReferenceDataException e = assertThrows(ReferenceDataException.class,
                () -> OnnxTensors.parseTensor(new byte[] {(byte) 0xff, (byte) 0xff, 0x01}, SOURCE));

        assertEquals(true, e.getMessage().startsWith("x.pb: not an ONNX TensorProto"), e.getMessage());
    }
}
