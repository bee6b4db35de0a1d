package io.cnnhomework.grader.isolation;

import static io.cnnhomework.grader.isolation.WireValues.assertDoubles;
import static io.cnnhomework.grader.isolation.WireValues.assertLayerInput;
import static io.cnnhomework.grader.isolation.WireValues.assertLayerOutput;
import static io.cnnhomework.grader.isolation.WireValues.assertTaskInput;
import static io.cnnhomework.grader.isolation.WireValues.assertTaskOutput;
import static io.cnnhomework.grader.isolation.WireValues.assertTensor;
import static io.cnnhomework.grader.isolation.WireValues.assertTensors;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnhomework.grader.exercise.Digits;
import io.cnnhomework.grader.exercise.EpochTrace;
import io.cnnhomework.grader.exercise.LayerInput;
import io.cnnhomework.grader.exercise.LayerKind;
import io.cnnhomework.grader.exercise.LayerOutput;
import io.cnnhomework.grader.exercise.Loop;
import io.cnnhomework.grader.exercise.OptimizerChoice;
import io.cnnhomework.grader.exercise.TaskInput;
import io.cnnhomework.grader.exercise.TaskOutput;
import io.cnnhomework.grader.exercise.TrainingInput;
import io.cnnhomework.grader.exercise.TrainingOutput;
import io.cnnhomework.grader.messages.Text;
import io.cnnhomework.grader.submission.StudentFailure;
import io.cnnhomework.tensor.Tensor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WireTest {

    private static final Random RANDOM = new Random(7);

    // ---- values ----

    @Test
    void tensorsOfEveryRankRoundTripBitForBit() throws IOException {
        float[] odd = {Float.NaN, Float.intBitsToFloat(0x7fc00123), -0.0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
                Float.MIN_VALUE, -Float.MAX_VALUE};
        List<Tensor> tensors = List.of(Tensor.scalar(3.5f), Tensor.zeros(0), Tensor.zeros(2, 0, 3), Tensor.of(odd),
                Tensor.randn(RANDOM, 3, 4, 5, 6), Tensor.randn(RANDOM, 2, 3, 4).permute(2, 0, 1));
        for (Tensor tensor : tensors) {
            Tensor back = roundTrip(out -> ValueCodec.writeTensor(out, tensor), ValueCodec::readTensor);
            assertTensor(tensor, back, Arrays.toString(tensor.shape()));
        }
        assertNull(roundTrip(out -> ValueCodec.writeTensor(out, null), ValueCodec::readTensor));
    }

    @Test
    void tensorLargerThanOneChunkRoundTrips() throws IOException {
        Tensor big = Tensor.randn(RANDOM, 600, 1000);

        assertTensor(big, roundTrip(out -> ValueCodec.writeTensor(out, big), ValueCodec::readTensor), "600×1000");
    }

    @Test
    void arraysRoundTripIncludingNullAndEmpty() throws IOException {
        for (double[] values : new double[][] {null, {}, {0.93615, Double.NaN, -0.0, Double.MIN_VALUE, Double.POSITIVE_INFINITY}}) {
            assertDoubles(values, roundTrip(out -> ValueCodec.writeDoubles(out, values), ValueCodec::readDoubles), "doubles");
        }
        for (int[] values : new int[][] {null, {}, {0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 9}}) {
            assertArrayEquals(values, roundTrip(out -> ValueCodec.writeInts(out, values), ValueCodec::readInts));
        }
    }

    @Test
    void mapsKeepTheirOrderAndNullValues() throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("W2", Tensor.ones(2, 3));
        tensors.put("b1", null);
        tensors.put("W1", Tensor.scalar(1));
        Map<String, Double> numbers = new LinkedHashMap<>();
        numbers.put("stride", 2.0);
        numbers.put("padding", 1.0);
        numbers.put("eps", 1e-5);

        assertTensors(tensors, roundTrip(out -> ValueCodec.writeTensorMap(out, tensors), ValueCodec::readTensorMap), "tensors");
        assertTensors(Map.of(), roundTrip(out -> ValueCodec.writeTensorMap(out, Map.of()), ValueCodec::readTensorMap), "empty");
        assertNull(roundTrip(out -> ValueCodec.writeTensorMap(out, null), ValueCodec::readTensorMap));
        assertEquals(List.copyOf(numbers.entrySet()),
                List.copyOf(roundTrip(out -> ValueCodec.writeDoubleMap(out, numbers), ValueCodec::readDoubleMap).entrySet()));
        assertEquals(Map.of(), roundTrip(out -> ValueCodec.writeDoubleMap(out, Map.of()), ValueCodec::readDoubleMap));
        assertNull(roundTrip(out -> ValueCodec.writeDoubleMap(out, null), ValueCodec::readDoubleMap));
    }

    @Test
    void stringsRoundTripInUtf8() throws IOException {
        for (String text : new String[] {null, "", "grad_weight", "решение завершило свою JVM", "😀 |Δ|"}) {
            assertEquals(text, roundTrip(out -> ValueCodec.writeString(out, text), ValueCodec::readString));
        }
    }

    @Test
    void textArgumentsNestRecursively() throws IOException {
        Text text = Text.of("task.failed-after",
                Text.of("failure.exception", "ArithmeticException", "/ by zero", Text.of("failure.where", "homework.Fc.backward(Fc.java:40)")),
                "2", "3");

        assertEquals(text, roundTrip(out -> ValueCodec.writeText(out, text), ValueCodec::readText));
        assertEquals(Text.of("failure.nowhere"), roundTrip(out -> ValueCodec.writeText(out, Text.of("failure.nowhere")), ValueCodec::readText));
        assertNull(roundTrip(out -> ValueCodec.writeText(out, null), ValueCodec::readText));
    }

    @Test
    void failuresRoundTripWithTheirKind() throws IOException {
        StudentFailure failure = StudentFailure.of(new UnsupportedOperationException("implement Conv.forward"));

        assertEquals(failure, roundTrip(out -> GradingCodec.writeFailure(out, failure), GradingCodec::readFailure));
        assertNull(roundTrip(out -> GradingCodec.writeFailure(out, null), GradingCodec::readFailure));
    }

    @Test
    void aStudentsLongMessageIsShortenedNotRefused() throws IOException {
        Text text = Text.of("failure.exception", "IllegalStateException", "x".repeat(200_000), "y");

        Text back = roundTrip(out -> ValueCodec.writeText(out, text), ValueCodec::readText);

        String message = (String) back.args().get(1);
        assertTrue(message.length() < ValueCodec.MAX_STRING_BYTES && message.startsWith("xxxx") && message.endsWith("…"), message.length() + "");
        assertEquals("y", back.args().get(2));
    }

    @Test
    void digitsRoundTrip() throws IOException {
        Digits digits = new Digits(Tensor.rand(RANDOM, 5, 64), new int[] {0, 1, 2, 3, 4}, new int[] {4, 0, 2}, new int[] {1, 3});

        WireValues.assertDigits(digits, roundTrip(out -> GradingCodec.writeDigits(out, digits), GradingCodec::readDigits));
        assertNull(roundTrip(out -> GradingCodec.writeDigits(out, null), GradingCodec::readDigits));
    }

    @Test
    void taskInputsRoundTripWithTrainingDataOrWithDigits() throws IOException {
        Map<String, Tensor> params = new LinkedHashMap<>();
        params.put("conv1.weight", Tensor.randn(RANDOM, 2, 1, 3, 3));
        params.put("conv1.bias", Tensor.randn(RANDOM, 2));
        TaskInput batch = new TaskInput("task1", "CustomModel", 5, 2, 3, 1.0, Tensor.randn(RANDOM, 4, 1, 5, 5), new int[] {0, 1, 1, 0},
                params, null, 4, Loop.NOTEBOOK);
        TaskInput prepared = new TaskInput("task3", "CustomModel2", 8, 10, 10, 0.5, null, null, Map.of(),
                new Digits(Tensor.rand(RANDOM, 3, 64), new int[] {1, 2, 3}, new int[] {0, 1}, new int[] {2}), 10, Loop.STUDENT);

        assertTaskInput(batch, roundTrip(out -> GradingCodec.writeTaskInput(out, batch), GradingCodec::readTaskInput));
        assertTaskInput(prepared, roundTrip(out -> GradingCodec.writeTaskInput(out, prepared), GradingCodec::readTaskInput));
    }

    @Test
    void taskOutputsRoundTripWithTraceFailureNullsAndEmpties() throws IOException {
        Map<String, Tensor> params = new LinkedHashMap<>();
        params.put("W1", Tensor.randn(RANDOM, 2, 1, 3, 3));
        params.put("b1", null);
        TaskOutput full = new TaskOutput(new double[] {0.9, 0.7}, new double[] {1.1, Double.NaN}, Tensor.randn(RANDOM, 1437, 1, 8, 8),
                Tensor.randn(RANDOM, 360, 1, 8, 8),
                List.of(new EpochTrace(Tensor.randn(RANDOM, 4, 2), params, Map.of("dW1", Tensor.zeros(2, 1, 3, 3))),
                        new EpochTrace(null, Map.of(), Map.of())),
                StudentFailure.contract("contract.returned-null", "CustomModel.forward"));
        TaskOutput empty = new TaskOutput(new double[0], null, List.of(), null);
        TaskOutput failed = TaskOutput.failed(StudentFailure.timeout(1.5, "task2"));

        for (TaskOutput output : List.of(full, empty, failed)) {
            assertTaskOutput(output, roundTrip(out -> GradingCodec.writeTaskOutput(out, output), GradingCodec::readTaskOutput));
        }
    }

    @Test
    void layerInputsAndOutputsRoundTrip() throws IOException {
        Map<String, Double> attributes = new LinkedHashMap<>();
        attributes.put("stride", 2.0);
        attributes.put("padding", 1.0);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("input", Tensor.randn(RANDOM, 2, 3, 5, 5));
        tensors.put("weight", Tensor.randn(RANDOM, 4, 3, 3, 3));
        LayerInput conv = new LayerInput("conv_multichannel_stride2_pad1", LayerKind.CONV, attributes, tensors, null);
        LayerInput loss = new LayerInput("cross_entropy_large_logits", LayerKind.CROSS_ENTROPY, Map.of(), Map.of(), new int[] {2, 0});
        LayerOutput computed = new LayerOutput(Map.of("output", Tensor.randn(RANDOM, 2, 4, 3, 3), "grad_input", Tensor.zeros(2, 3, 5, 5)), null);
        LayerOutput failed = new LayerOutput(Map.of(), StudentFailure.of(new ArithmeticException("/ by zero")));

        assertLayerInput(conv, roundTrip(out -> GradingCodec.writeLayerInput(out, conv), GradingCodec::readLayerInput));
        assertLayerInput(loss, roundTrip(out -> GradingCodec.writeLayerInput(out, loss), GradingCodec::readLayerInput));
        assertLayerOutput(computed, roundTrip(out -> GradingCodec.writeLayerOutput(out, computed), GradingCodec::readLayerOutput));
        assertLayerOutput(failed, roundTrip(out -> GradingCodec.writeLayerOutput(out, failed), GradingCodec::readLayerOutput));
    }

    @Test
    void trainingRunsRoundTripWithOptimizerOrderAndInitialParameters() throws IOException {
        Map<String, Tensor> initial = new LinkedHashMap<>();
        initial.put("conv1.weight", Tensor.randn(RANDOM, 4, 1, 3, 3));
        initial.put("fc1.bias", Tensor.zeros(10));
        TrainingInput own = new TrainingInput("own", null, Tensor.randn(RANDOM, 5, 1, 8, 8), new int[] {0, 1, 2, 3, 4},
                Tensor.randn(RANDOM, 2, 1, 8, 8), 10, 7, null, null);
        TrainingInput compared = new TrainingInput("SGD+momentum", OptimizerChoice.COMPARISON.get(2), own.trainX(), own.trainLabels(),
                own.valX(), 10, 7, new int[][] {{4, 3, 2, 1, 0}, {0, 1, 2, 3, 4}}, initial);
        TrainingOutput trained = new TrainingOutput(2, 64, 6186, "homework.Adam", new double[] {1.5, Double.NaN},
                List.of(Tensor.randn(RANDOM, 2, 10)), 0.25, StudentFailure.of(new ArithmeticException("/ by zero")));

        TrainingInput ownBack = roundTrip(out -> GradingCodec.writeTrainingInput(out, own), GradingCodec::readTrainingInput);
        TrainingInput comparedBack = roundTrip(out -> GradingCodec.writeTrainingInput(out, compared), GradingCodec::readTrainingInput);
        TrainingOutput trainedBack = roundTrip(out -> GradingCodec.writeTrainingOutput(out, trained), GradingCodec::readTrainingOutput);

        assertEquals("own", ownBack.run());
        assertNull(ownBack.optimizer());
        assertNull(ownBack.order());
        assertNull(ownBack.initialParams());
        assertTensor(own.trainX(), ownBack.trainX(), "trainX");
        assertTensor(own.valX(), ownBack.valX(), "valX");
        assertArrayEquals(own.trainLabels(), ownBack.trainLabels());
        assertEquals(7, ownBack.seed());
        assertEquals(compared.optimizer(), comparedBack.optimizer());
        assertArrayEquals(compared.order(), comparedBack.order());
        assertTensors(initial, comparedBack.initialParams(), "initial parameters");
        assertEquals(List.of(2, 64, 6186L, "homework.Adam", 0.25), List.of(trainedBack.epochs(), trainedBack.batchSize(),
                trainedBack.parameters(), trainedBack.optimizer(), trainedBack.seconds()));
        assertDoubles(trained.trainLoss(), trainedBack.trainLoss(), "train loss");
        assertTensor(trained.valLogits().get(0), trainedBack.valLogits().get(0), "logits");
        assertEquals(trained.failure(), trainedBack.failure());
    }

    // ---- frames ----

    @Test
    void requestFramesRoundTripWithSequenceAndLimit() throws IOException {
        TaskInput task = new TaskInput("task1", "CustomModel", 5, 2, 3, 1.0, Tensor.zeros(1, 1, 5, 5), new int[] {0}, Map.of(), null, 1, Loop.NOTEBOOK);
        LayerInput layer = new LayerInput("relu_with_zeros", LayerKind.RELU, Map.of(), Map.of("input", Tensor.ones(3)), null);

        Wire.Request taskBack = (Wire.Request) Wire.readRequest(new ByteArrayInputStream(Wire.encode(new Wire.Request(41, 1500, task))));
        Wire.Request layerBack = (Wire.Request) Wire.readRequest(new ByteArrayInputStream(Wire.encode(new Wire.Request(42, 0, layer))));

        assertEquals(41, taskBack.sequence());
        assertEquals(1500, taskBack.limitMillis());
        assertTaskInput(task, (TaskInput) taskBack.job());
        assertEquals(42, layerBack.sequence());
        assertLayerInput(layer, (LayerInput) layerBack.job());
        TrainingInput training = new TrainingInput("own", null, Tensor.zeros(1, 1, 8, 8), new int[] {0}, Tensor.zeros(1, 1, 8, 8),
                10, 0, null, null);
        Wire.Request trainingBack = (Wire.Request) Wire.readRequest(new ByteArrayInputStream(Wire.encode(new Wire.Request(43, 120_000,
                training))));
        assertEquals(120_000, trainingBack.limitMillis());
        assertTrue(trainingBack.job() instanceof TrainingInput);
        assertEquals("optional-own", trainingBack.job().what());
    }

    @Test
    void aRequestCarriesAJob() {
        assertThrows(NullPointerException.class, () -> new Wire.Request(1, 0, null));
        assertThrows(NullPointerException.class, () -> new Wire.Response(1, false, null, null, null));
    }

    @Test
    void responseFramesRoundTripWithCapturedOutput() throws IOException {
        TaskOutput task = new TaskOutput(new double[] {0.5}, null, List.of(), null);
        Wire.Captured printed = new Wire.Captured("epoch 0 loss 0.5\n".getBytes(StandardCharsets.UTF_8), 12345);
        Wire.Response response = new Wire.Response(7, true, task, printed, null);

        Wire.Response back = Wire.readResponse(new ByteArrayInputStream(Wire.encode(response)));

        assertEquals(7, back.sequence());
        assertTrue(back.closing());
        assertTaskOutput(task, (TaskOutput) back.outcome());
        assertEquals("epoch 0 loss 0.5\n", back.stdout().text());
        assertEquals(12345, back.stdout().dropped());
        assertEquals("", back.stderr().text());
        assertEquals(0, back.stderr().dropped());
    }

    @Test
    void consecutiveFramesAreReadOneAtATimeAndACleanEndIsNull() throws IOException {
        LayerInput layer = new LayerInput("a", LayerKind.RELU, Map.of(), Map.of(), null);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.write(Wire.encode(new Wire.Request(1, 0, layer)));
        stream.write(Wire.encode(new Wire.Request(2, 0, layer)));
        InputStream in = new ByteArrayInputStream(stream.toByteArray());

        assertEquals(1, Wire.readRequest(in).sequence());
        assertEquals(2, Wire.readRequest(in).sequence());
        assertNull(Wire.readRequest(in));
    }

    @Test
    void everyTruncationOfAFrameIsAnEofNamingIt() {
        Map<String, Tensor> params = new LinkedHashMap<>();
        params.put("W1", Tensor.randn(RANDOM, 2, 3));
        params.put("b1", null);
        TaskOutput task = new TaskOutput(new double[] {0.5, 0.25}, new double[] {0.4}, Tensor.ones(2, 2), Tensor.ones(1, 2),
                List.of(new EpochTrace(Tensor.ones(1, 2), params, Map.of())), StudentFailure.contract("contract.returned-null", "x"));
        byte[] frame = Wire.encode(new Wire.Response(3, false, task, new Wire.Captured(new byte[] {'h', 'i'}, 0), null));

        EOFException none = assertThrows(EOFException.class, () -> Wire.readResponse(new ByteArrayInputStream(new byte[0])));
        assertEquals("the stream ended where a response frame belongs", none.getMessage());
        for (int length = 1; length < frame.length; length++) {
            byte[] prefix = Arrays.copyOf(frame, length);
            EOFException e = assertThrows(EOFException.class, () -> Wire.readResponse(new ByteArrayInputStream(prefix)),
                    "prefix of " + length + " bytes");
            assertTrue(e.getMessage().startsWith("truncated frame: the stream ended inside a "), e.getMessage());
        }
    }

    @Test
    void garbageIsAMalformedFrameNamingTheHeader() {
        byte[] garbage = "Terminating due to java.lang.OutOfMemoryError".getBytes(StandardCharsets.US_ASCII);

        IOException e = assertThrows(IOException.class, () -> Wire.readResponse(new ByteArrayInputStream(garbage)));

        assertFalse(e instanceof EOFException);
        assertEquals("malformed response frame: bad frame header 0x5465726d (expected 0x434e4e04): not this protocol, or another version",
                e.getMessage());
    }

    @Test
    void randomBytesNeverEscapeAsAnythingButIoException() {
        Random random = new Random(11);
        byte[] header = Wire.encode(new Wire.Response(1, false, TaskOutput.failed(StudentFailure.timeout(1, "t")), null, null));
        for (int trial = 0; trial < 2_000; trial++) {
            byte[] bytes = Arrays.copyOf(header, 14 + random.nextInt(200));
            for (int i = 14; i < bytes.length; i++) {
                bytes[i] = (byte) random.nextInt(256);
            }
            assertThrows(IOException.class, () -> Wire.readResponse(new ByteArrayInputStream(bytes)), "trial " + trial);
        }
    }

    @Test
    void aRequestTypeWhereAResponseBelongsIsRefused() {
        byte[] request = Wire.encode(new Wire.Request(1, 0, new LayerInput("a", LayerKind.RELU, Map.of(), Map.of(), null)));

        IOException e = assertThrows(IOException.class, () -> Wire.readResponse(new ByteArrayInputStream(request)));

        assertEquals("malformed response frame: unexpected frame type 2 where a response (3, 4 or 6) belongs", e.getMessage());
    }

    @Test
    void claimedLengthsBeyondTheCapsAreRefusedBeforeAnyAllocation() {
        assertMalformed("tensor: length 16777217 outside 0..16777216", out -> out.writeInt(ValueCodec.MAX_TENSOR_ELEMENTS + 1), ValueCodec::readTensor);
        assertMalformed("tensor: length -2 outside 0..16777216", out -> out.writeInt(-2), ValueCodec::readTensor);
        assertMalformed("string: length 2147483647 outside 0..65536", out -> out.writeInt(Integer.MAX_VALUE), ValueCodec::readString);
        assertMalformed("tensor map: length 100001 outside 0..100000", out -> out.writeInt(100_001), ValueCodec::readTensorMap);
        assertMalformed("double array: length 1000000 outside 0..100000", out -> out.writeInt(1_000_000), ValueCodec::readDoubles);
        assertMalformed("tensor rank 17 outside 0..16", out -> {
            out.writeInt(1);
            out.writeByte(17);
        }, ValueCodec::readTensor);
        assertMalformed("tensor of shape [65536, 65536] cannot hold 16 elements", out -> {
            out.writeInt(16);
            out.writeByte(2);
            out.writeInt(1 << 16);
            out.writeInt(1 << 16);
        }, ValueCodec::readTensor);
        assertMalformed("tensor size -4 in dimension 0 is negative", out -> {
            out.writeInt(0);
            out.writeByte(2);
            out.writeInt(-4);
            out.writeInt(0);
        }, ValueCodec::readTensor);
    }

    @Test
    void aClaimedHugeTensorWhoseBytesNeverCameIsAnEofNotAnAllocation() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();

        // 64 MB claimed, 8 bytes sent
        EOFException e = assertThrows(EOFException.class, () -> read(out -> {
            out.writeInt(ValueCodec.MAX_TENSOR_ELEMENTS);
            out.writeByte(1);
            out.writeInt(ValueCodec.MAX_TENSOR_ELEMENTS);
            out.writeLong(0);
        }, ValueCodec::readTensor));

        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertEquals("truncated frame: the stream ended inside a tensor [16777216] of 67108864 bytes", e.getMessage());
        assertTrue(allocated < 4L << 20, "allocated " + allocated + " bytes for 8 received");
    }

    @Test
    void textsNestedDeeperThanTheCapAreRefusedBothWays() {
        Text deep = Text.of("failure.nowhere");
        for (int i = 0; i < ValueCodec.MAX_TEXT_DEPTH; i++) {
            deep = Text.of("failure.where", deep);
        }
        Text tooDeep = deep;
        assertThrows(IllegalArgumentException.class, () -> ValueCodec.writeText(new DataOutputStream(new ByteArrayOutputStream()), tooDeep));
        assertMalformed("message nests deeper than 16", out -> {
            out.writeBoolean(true);
            for (int i = 0; i <= ValueCodec.MAX_TEXT_DEPTH; i++) {
                ValueCodec.writeString(out, "failure.where");
                out.writeInt(1);
                out.writeByte(1);
            }
        }, ValueCodec::readText);
    }

    @Test
    void aRepeatedMapKeyIsRefused() {
        assertMalformed("tensor map repeats the key W1", out -> {
            out.writeInt(2);
            ValueCodec.writeString(out, "W1");
            ValueCodec.writeTensor(out, null);
            ValueCodec.writeString(out, "W1");
            ValueCodec.writeTensor(out, null);
        }, ValueCodec::readTensorMap);
    }

    @Test
    void aTaskInputNamingAnUnknownLoopOrAStudentLoopWithoutDigitsIsRefused() {
        assertMalformed("unknown training loop validates-twice", out -> writeTaskInputFields(out, "validates-twice"),
                GradingCodec::readTaskInput);
        assertMalformed("task3: the loop student needs the digits to validate on", out -> writeTaskInputFields(out, "student"),
                GradingCodec::readTaskInput);
    }

    /** A task input without digits that names the given loop, field by field as the codec writes it. */
    private static void writeTaskInputFields(DataOutputStream out, String loop) throws IOException {
        ValueCodec.writeString(out, "task3");
        ValueCodec.writeString(out, "CustomModel2");
        out.writeInt(8);
        out.writeInt(10);
        out.writeInt(10);
        out.writeDouble(1.0);
        ValueCodec.writeTensor(out, Tensor.zeros(1, 1, 8, 8));
        ValueCodec.writeInts(out, new int[] {0});
        ValueCodec.writeTensorMap(out, Map.of());
        GradingCodec.writeDigits(out, null);
        out.writeInt(10);
        ValueCodec.writeString(out, loop);
    }

    @Test
    void aLayerOutputWithAMissingTensorIsRefused() {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("output", null);
        assertMalformed("a layer output's tensors must all be present", out -> {
            ValueCodec.writeTensorMap(out, tensors);
            GradingCodec.writeFailure(out, null);
        }, GradingCodec::readLayerOutput);
    }

    @Test
    void writersRefuseWhatReadersWouldRefuse() {
        DataOutputStream sink = new DataOutputStream(OutputStream.nullOutputStream());

        IllegalArgumentException string = assertThrows(IllegalArgumentException.class, () -> ValueCodec.writeString(sink, "x".repeat(70_000)));
        IllegalArgumentException losses = assertThrows(IllegalArgumentException.class,
                () -> ValueCodec.writeDoubles(sink, new double[ValueCodec.MAX_COLLECTION + 1]));

        assertEquals("string of 70000 exceeds the limit of 65536", string.getMessage());
        assertEquals("double array of 100001 exceeds the limit of 100000", losses.getMessage());
    }

    @Test
    void aFrameLongerThanTheLimitIsRefusedWhileStreaming() {
        // a valid header claiming an 8 MB tensor, then zeros that never end
        byte[] header = bytesOf(out -> {
            out.writeInt(Wire.MAGIC_VERSION);
            out.writeByte(Wire.TASK_DONE);
            out.writeLong(1);
            out.writeBoolean(false);
            out.writeBoolean(false);
            ValueCodec.writeDoubles(out, new double[0]);
            ValueCodec.writeDoubles(out, null);
            out.writeInt(1 << 21);
            out.writeByte(1);
            out.writeInt(1 << 21);
        });
        InputStream endless = new SequenceInputStream(new ByteArrayInputStream(header), new InputStream() {
            @Override
            public int read() {
                return 0;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                Arrays.fill(b, off, off + len, (byte) 0);
                return len;
            }
        });

        IOException e = assertThrows(IOException.class, () -> Wire.readResponse(endless, 1 << 20));

        assertEquals("malformed response frame: frame exceeds 1048576 bytes", e.getMessage());
    }

    @Test
    void requestsMustCarryExactlyOneOfTaskAndLayer() {
        LayerInput layer = new LayerInput("a", LayerKind.RELU, Map.of(), Map.of(), null);
        TaskInput task = new TaskInput("task1", "CustomModel", 5, 2, 3, 1.0, null, null, Map.of(), null, 1, Loop.NOTEBOOK);

        assertThrows(IllegalArgumentException.class, () -> new Wire.Request(1, -1, task));
        assertThrows(IllegalArgumentException.class, () -> new Wire.Request(1, -1, layer));
    }

    // ---- helpers ----

    private interface Writing {
        void write(DataOutputStream out) throws IOException;
    }

    private interface Reading<T> {
        T read(DataInputStream in) throws IOException;
    }

    private static <T> T roundTrip(Writing writing, Reading<T> reading) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytesOf(writing)));
        T value = reading.read(in);
        assertEquals(-1, in.read(), "the reader stops exactly where the writer did");
        return value;
    }

    private static <T> T read(Writing writing, Reading<T> reading) throws IOException {
        return reading.read(new DataInputStream(new ByteArrayInputStream(bytesOf(writing))));
    }

    private static byte[] bytesOf(Writing writing) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            writing.write(new DataOutputStream(bytes));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return bytes.toByteArray();
    }

    @Test
    void anOpenAndItsAnswerTravelWithTheirSequenceAndAResponseIsNotAnAnswerToAnOpen() throws IOException {
        String directory = "/tmp/батч/студент 1/classes";
        Wire.ToChild back = Wire.readRequest(new ByteArrayInputStream(Wire.encode(new Wire.Open(7, directory))));
        assertEquals(new Wire.Open(7, directory), back);

        assertEquals(new Wire.Opened(7, ""), Wire.readOpened(new ByteArrayInputStream(Wire.encode(new Wire.Opened(7, "")))));
        assertTrue(new Wire.Opened(7, "").switched());
        String refusal = "threads left running: " + "x".repeat(ValueCodec.MAX_STRING_BYTES);
        Wire.Opened refused = Wire.readOpened(new ByteArrayInputStream(Wire.encode(new Wire.Opened(8, refusal))));
        assertFalse(refused.switched());
        assertTrue(refused.refusal().startsWith("threads left running: xxx") && refused.refusal().endsWith("…"), "shortened");

        Wire.Response broken = Wire.readResponse(new ByteArrayInputStream(Wire.encode(
                new Wire.Response(9, true, true, TaskOutput.failed(null), null, null))));
        assertTrue(broken.broken() && broken.closing());
        assertFalse(Wire.readResponse(new ByteArrayInputStream(Wire.encode(
                new Wire.Response(9, true, TaskOutput.failed(null), null, null)))).broken());
        assertThrows(IllegalArgumentException.class, () -> new Wire.Response(9, false, true, TaskOutput.failed(null), null, null));
        byte[] response = Wire.encode(new Wire.Response(7, false, TaskOutput.failed(null), null, null));
        IOException e = assertThrows(IOException.class, () -> Wire.readOpened(new ByteArrayInputStream(response)));
        assertEquals("malformed open answer frame: unexpected frame type 3 where the answer to an open request (8) belongs", e.getMessage());
        assertThrows(EOFException.class, () -> Wire.readOpened(new ByteArrayInputStream(new byte[0])));
        assertThrows(IllegalArgumentException.class, () -> new Wire.Open(1, ""));
        assertThrows(IllegalArgumentException.class, () -> new Wire.Open(1, "d".repeat(Wire.MAX_PATH_BYTES + 1)));
    }

    private static void assertMalformed(String message, Writing writing, Reading<?> reading) {
        IOException e = assertThrows(IOException.class, () -> read(writing, reading));
        assertEquals(message, e.getMessage());
    }
}
