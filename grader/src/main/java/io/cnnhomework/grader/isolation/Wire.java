package io.cnnhomework.grader.isolation;

import io.cnnhomework.grader.grading.EpochTrace;
import io.cnnhomework.grader.grading.LayerInput;
import io.cnnhomework.grader.grading.LayerOutput;
import io.cnnhomework.grader.grading.OptimizerChoice;
import io.cnnhomework.grader.grading.TaskInput;
import io.cnnhomework.grader.grading.TrainingInput;
import io.cnnhomework.grader.grading.TrainingOutput;
import io.cnnhomework.grader.grading.TaskOutput;
import io.cnnhomework.grader.messages.Text;
import io.cnnhomework.grader.reference.Digits;
import io.cnnhomework.grader.submission.StudentFailure;
import io.cnnhomework.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The protocol between the grader and its child JVM: a compact big-endian binary codec for the
 * values that cross the isolation boundary, and the frames that carry them.
 *
 * <p>A frame is {@code int} {@link #MAGIC_VERSION}, a type byte ({@link #RUN_TASK}, {@link
 * #RUN_LAYER}, {@link #RUN_TRAINING}, {@link #TASK_DONE}, {@link #LAYER_DONE}, {@link
 * #TRAINING_DONE}), the {@code long} sequence number of the request (echoed by its response),
 * then the payload:
 *
 * <ul>
 *   <li>request: {@code int} time limit in milliseconds (0: none), then the {@link TaskInput},
 *       {@link LayerInput} or {@link TrainingInput};
 *   <li>response: {@code boolean} whether the child ends after it, the {@link TaskOutput},
 *       {@link LayerOutput} or {@link TrainingOutput}, then what the submission printed on {@code System.out} and
 *       {@code System.err} since the previous request ({@link Captured}).
 * </ul>
 *
 * <p>Inside a payload: a string is an {@code int} byte count and UTF-8 bytes ({@code -1}: null);
 * an array or collection an {@code int} count ({@code -1}: null) and its elements; a tensor its
 * element count ({@code -1}: null), a rank byte, its sizes and its float32 elements in row-major
 * order; an optional record a presence byte. Maps keep their order.
 *
 * <p>The reader trusts nothing: every count is checked against a cap ({@link
 * #MAX_TENSOR_ELEMENTS}, {@link #MAX_STRING_BYTES}, {@link #MAX_COLLECTION}, {@link
 * #MAX_TEXT_DEPTH}) before anything is allocated, arrays grow only as their bytes actually arrive,
 * and a frame longer than {@link #MAX_FRAME_BYTES} is rejected, so a truncated or hostile frame
 * ends in an {@link IOException} naming what was wrong, never in an {@link OutOfMemoryError}.
 * Writers check the same caps, so whatever is written can be read back.
 */
public final class Wire {

    /** "CNN" and protocol version 2. */
    public static final int MAGIC_VERSION = 0x434E4E02;

    /** Request: train one task. */
    public static final byte RUN_TASK = 1;
    /** Request: run one layer case. */
    public static final byte RUN_LAYER = 2;
    /** Response to {@link #RUN_TASK}. */
    public static final byte TASK_DONE = 3;
    /** Response to {@link #RUN_LAYER}. */
    public static final byte LAYER_DONE = 4;
    /** Request: one training run of the optional task. */
    public static final byte RUN_TRAINING = 5;
    /** Response to {@link #RUN_TRAINING}. */
    public static final byte TRAINING_DONE = 6;

    /** Most elements of one tensor or int array: 16M (64 MB of float32). */
    public static final int MAX_TENSOR_ELEMENTS = 1 << 24;
    /** Most dimensions of one tensor. */
    public static final int MAX_RANK = 16;
    /** Longest string and longest captured output, in UTF-8 bytes. */
    public static final int MAX_STRING_BYTES = 1 << 16;
    /** Most entries of a map or list, and most values of a double array. */
    public static final int MAX_COLLECTION = 100_000;
    /** Deepest nesting of {@link Text} arguments. */
    public static final int MAX_TEXT_DEPTH = 16;
    /** Most arguments of one {@link Text}. */
    public static final int MAX_TEXT_ARGS = 64;
    /** Longest frame, in bytes. */
    public static final long MAX_FRAME_BYTES = 128L << 20;

    /** Arrays are read and written in slices of this many bytes. */
    private static final int CHUNK = 1 << 20;

    private Wire() {
    }

    /**
     * A request to the child: one task, one layer case or one training run, exactly one of them
     * non-null.
     *
     * @param sequence numbers the request; the response must carry the same
     * @param limitMillis how long the child lets the submission run before it reports a timeout
     *     and ends itself; 0 for no limit
     * @param task the task to train, or {@code null}
     * @param layer the layer case to run, or {@code null}
     * @param training the optional task's training run, or {@code null}
     */
    public record Request(long sequence, int limitMillis, TaskInput task, LayerInput layer, TrainingInput training) {

        /** Exactly one of task, layer and training. */
        public Request {
            int carried = (task != null ? 1 : 0) + (layer != null ? 1 : 0) + (training != null ? 1 : 0);
            if (carried != 1) {
                throw new IllegalArgumentException("a request carries one task, layer case or training run, not " + carried);
            }
            if (limitMillis < 0) {
                throw new IllegalArgumentException("negative time limit " + limitMillis);
            }
        }

        /**
         * A task or layer case.
         *
         * @param sequence numbers the request
         * @param limitMillis the child's time limit, 0 for none
         * @param task the task to train, or {@code null}
         * @param layer the layer case to run, or {@code null}
         */
        public Request(long sequence, int limitMillis, TaskInput task, LayerInput layer) {
            this(sequence, limitMillis, task, layer, null);
        }

        /** @return the task id, the case name or the training run, for messages */
        public String what() {
            return task != null ? task.taskId() : layer != null ? layer.caseName() : "optional-" + training.run();
        }

        byte type() {
            return task != null ? RUN_TASK : layer != null ? RUN_LAYER : RUN_TRAINING;
        }
    }

    /**
     * What the submission printed on one stream: at most {@link #MAX_STRING_BYTES} bytes kept, and
     * how many more were dropped.
     *
     * @param kept the first bytes, UTF-8
     * @param dropped bytes not kept, never negative
     */
    public record Captured(byte[] kept, long dropped) {

        /** Nothing printed. */
        public static final Captured NONE = new Captured(new byte[0], 0);

        /** Checks the caps. */
        public Captured {
            if (kept.length > MAX_STRING_BYTES || dropped < 0) {
                throw new IllegalArgumentException("captured output of " + kept.length + " bytes kept and " + dropped
                        + " dropped: at most " + MAX_STRING_BYTES + " kept, none negative");
            }
        }

        /** @return the kept bytes as text */
        public String text() {
            return new String(kept, StandardCharsets.UTF_8);
        }
    }

    /**
     * The child's answer to one request: a task's, a layer case's or a training run's output,
     * exactly one non-null.
     *
     * @param sequence the request's number
     * @param closing whether the child ends right after this response (it does after a timeout,
     *     since the overrunning thread cannot be stopped)
     * @param task what the task computed, or {@code null}
     * @param layer what the layer case computed, or {@code null}
     * @param training what the training run did, or {@code null}
     * @param stdout what the submission printed on {@code System.out} since the previous request
     * @param stderr the same for {@code System.err}
     */
    public record Response(long sequence, boolean closing, TaskOutput task, LayerOutput layer, TrainingOutput training,
            Captured stdout, Captured stderr) {

        /** Exactly one output; missing captured output is empty. */
        public Response {
            int carried = (task != null ? 1 : 0) + (layer != null ? 1 : 0) + (training != null ? 1 : 0);
            if (carried != 1) {
                throw new IllegalArgumentException("a response carries one task, layer or training output, not " + carried);
            }
            stdout = stdout == null ? Captured.NONE : stdout;
            stderr = stderr == null ? Captured.NONE : stderr;
        }

        /**
         * A task's or layer case's output.
         *
         * @param sequence the request's number
         * @param closing whether the child ends right after this response
         * @param task what the task computed, or {@code null}
         * @param layer what the layer case computed, or {@code null}
         * @param stdout what the submission printed on {@code System.out}
         * @param stderr the same for {@code System.err}
         */
        public Response(long sequence, boolean closing, TaskOutput task, LayerOutput layer, Captured stdout, Captured stderr) {
            this(sequence, closing, task, layer, null, stdout, stderr);
        }

        byte type() {
            return task != null ? TASK_DONE : layer != null ? LAYER_DONE : TRAINING_DONE;
        }
    }

    // ---- frames ----

    /**
     * @param request the request
     * @return its frame, complete, so that a value that cannot be written leaves the stream intact
     * @throws IllegalArgumentException if a value exceeds a cap
     */
    public static byte[] encode(Request request) {
        return frame(out -> {
            out.writeInt(MAGIC_VERSION);
            out.writeByte(request.type());
            out.writeLong(request.sequence());
            out.writeInt(request.limitMillis());
            if (request.task() != null) {
                writeTaskInput(out, request.task());
            } else if (request.layer() != null) {
                writeLayerInput(out, request.layer());
            } else {
                writeTrainingInput(out, request.training());
            }
        });
    }

    /**
     * @param response the response
     * @return its frame, complete
     * @throws IllegalArgumentException if a value exceeds a cap
     */
    public static byte[] encode(Response response) {
        return frame(out -> {
            out.writeInt(MAGIC_VERSION);
            out.writeByte(response.type());
            out.writeLong(response.sequence());
            out.writeBoolean(response.closing());
            if (response.task() != null) {
                writeTaskOutput(out, response.task());
            } else if (response.layer() != null) {
                writeLayerOutput(out, response.layer());
            } else {
                writeTrainingOutput(out, response.training());
            }
            writeCaptured(out, response.stdout());
            writeCaptured(out, response.stderr());
        });
    }

    /**
     * Reads one request frame.
     *
     * @param in the stream, positioned at a frame boundary; read no further than the frame
     * @return the request, or {@code null} when the stream ends cleanly before a frame begins
     * @throws IOException if the frame is truncated, malformed or too long
     */
    public static Request readRequest(InputStream in) throws IOException {
        return readRequest(in, MAX_FRAME_BYTES);
    }

    static Request readRequest(InputStream in, long maxFrameBytes) throws IOException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        DataInputStream data = new DataInputStream(new FrameLimit(in, maxFrameBytes));
        return decode("request", () -> {
            byte type = header(first, data);
            if (type != RUN_TASK && type != RUN_LAYER && type != RUN_TRAINING) {
                throw new IOException("unexpected frame type " + type + " where a request (" + RUN_TASK + ", " + RUN_LAYER + " or "
                        + RUN_TRAINING + ") belongs");
            }
            long sequence = data.readLong();
            int limit = data.readInt();
            if (limit < 0) {
                throw new IOException("negative time limit " + limit);
            }
            return switch (type) {
                case RUN_TASK -> new Request(sequence, limit, readTaskInput(data), null, null);
                case RUN_LAYER -> new Request(sequence, limit, null, readLayerInput(data), null);
                default -> new Request(sequence, limit, null, null, readTrainingInput(data));
            };
        });
    }

    /**
     * Reads one response frame.
     *
     * @param in the stream, positioned at a frame boundary
     * @return the response
     * @throws EOFException if the stream ends before or inside the frame
     * @throws IOException if the frame is malformed or too long
     */
    public static Response readResponse(InputStream in) throws IOException {
        return readResponse(in, MAX_FRAME_BYTES);
    }

    static Response readResponse(InputStream in, long maxFrameBytes) throws IOException {
        int first = in.read();
        if (first < 0) {
            throw new EOFException("the stream ended where a response frame belongs");
        }
        DataInputStream data = new DataInputStream(new FrameLimit(in, maxFrameBytes));
        return decode("response", () -> {
            byte type = header(first, data);
            if (type != TASK_DONE && type != LAYER_DONE && type != TRAINING_DONE) {
                throw new IOException("unexpected frame type " + type + " where a response (" + TASK_DONE + ", " + LAYER_DONE + " or "
                        + TRAINING_DONE + ") belongs");
            }
            long sequence = data.readLong();
            boolean closing = data.readBoolean();
            TaskOutput task = type == TASK_DONE ? readTaskOutput(data) : null;
            LayerOutput layer = type == LAYER_DONE ? readLayerOutput(data) : null;
            TrainingOutput training = type == TRAINING_DONE ? readTrainingOutput(data) : null;
            return new Response(sequence, closing, task, layer, training, readCaptured(data), readCaptured(data));
        });
    }

    private static byte header(int first, DataInput in) throws IOException {
        int magic = (first << 24) | (in.readUnsignedByte() << 16) | in.readUnsignedShort();
        if (magic != MAGIC_VERSION) {
            throw new IOException(String.format("bad frame header 0x%08x (expected 0x%08x): not this protocol, or another version",
                    magic, MAGIC_VERSION));
        }
        return in.readByte();
    }

    // ---- grading values ----

    /**
     * @param out where to write
     * @param input a task's inputs
     * @throws IOException if the stream fails
     */
    public static void writeTaskInput(DataOutput out, TaskInput input) throws IOException {
        writeString(out, input.taskId());
        writeString(out, input.modelClass());
        out.writeInt(input.inputSize());
        out.writeInt(input.numClasses());
        out.writeInt(input.epochs());
        out.writeDouble(input.learningRate());
        writeTensor(out, input.trainX());
        writeInts(out, input.trainLabels());
        writeTensorMap(out, input.initialParams());
        writeDigits(out, input.digits());
        out.writeInt(input.batchSize());
    }

    /**
     * @param in where to read
     * @return a task's inputs
     * @throws IOException if the data is truncated or malformed
     */
    public static TaskInput readTaskInput(DataInput in) throws IOException {
        return new TaskInput(readString(in), readString(in), in.readInt(), in.readInt(), in.readInt(), in.readDouble(),
                readTensor(in), readInts(in), readTensorMap(in), readDigits(in), in.readInt());
    }

    /**
     * @param out where to write
     * @param output what a task computed
     * @throws IOException if the stream fails
     */
    public static void writeTaskOutput(DataOutput out, TaskOutput output) throws IOException {
        writeDoubles(out, output.trainLoss());
        writeDoubles(out, output.valLoss());
        writeTensor(out, output.preparedTrainX());
        List<EpochTrace> trace = output.trace();
        writeCount(out, trace.size(), MAX_COLLECTION, "trace");
        for (EpochTrace epoch : trace) {
            writeEpochTrace(out, epoch);
        }
        writeFailure(out, output.failure());
    }

    /**
     * @param in where to read
     * @return what a task computed
     * @throws IOException if the data is truncated or malformed
     */
    public static TaskOutput readTaskOutput(DataInput in) throws IOException {
        double[] trainLoss = readDoubles(in);
        double[] valLoss = readDoubles(in);
        Tensor prepared = readTensor(in);
        int epochs = readCount(in, MAX_COLLECTION, "trace", false);
        List<EpochTrace> trace = new ArrayList<>(Math.min(epochs, 64));
        for (int i = 0; i < epochs; i++) {
            trace.add(readEpochTrace(in));
        }
        return new TaskOutput(trainLoss, valLoss, prepared, trace, readFailure(in));
    }

    /**
     * @param out where to write
     * @param epoch one epoch's logits, parameters and gradients
     * @throws IOException if the stream fails
     */
    public static void writeEpochTrace(DataOutput out, EpochTrace epoch) throws IOException {
        writeTensor(out, epoch.logits());
        writeTensorMap(out, epoch.params());
        writeTensorMap(out, epoch.grads());
    }

    /**
     * @param in where to read
     * @return one epoch's logits, parameters and gradients
     * @throws IOException if the data is truncated or malformed
     */
    public static EpochTrace readEpochTrace(DataInput in) throws IOException {
        return new EpochTrace(readTensor(in), readTensorMap(in), readTensorMap(in));
    }

    /**
     * @param out where to write
     * @param input a layer case's inputs
     * @throws IOException if the stream fails
     */
    public static void writeLayerInput(DataOutput out, LayerInput input) throws IOException {
        writeString(out, input.caseName());
        writeString(out, input.layer());
        writeDoubleMap(out, input.attributes());
        writeTensorMap(out, input.tensors());
        writeInts(out, input.labels());
    }

    /**
     * @param in where to read
     * @return a layer case's inputs
     * @throws IOException if the data is truncated or malformed
     */
    public static LayerInput readLayerInput(DataInput in) throws IOException {
        return new LayerInput(readString(in), readString(in), readDoubleMap(in), readTensorMap(in), readInts(in));
    }

    /**
     * @param out where to write
     * @param output what a layer case computed
     * @throws IOException if the stream fails
     */
    public static void writeLayerOutput(DataOutput out, LayerOutput output) throws IOException {
        writeTensorMap(out, output.tensors());
        writeFailure(out, output.failure());
    }

    /**
     * @param in where to read
     * @return what a layer case computed
     * @throws IOException if the data is truncated or malformed, or a tensor is missing
     */
    public static LayerOutput readLayerOutput(DataInput in) throws IOException {
        Map<String, Tensor> tensors = readTensorMap(in);
        if (tensors == null || tensors.containsValue(null)) {
            throw new IOException("a layer output's tensors must all be present");
        }
        return new LayerOutput(tensors, readFailure(in));
    }

    /**
     * @param out where to write
     * @param input one training run's data and optimizer
     * @throws IOException if the stream fails
     */
    public static void writeTrainingInput(DataOutput out, TrainingInput input) throws IOException {
        writeString(out, input.run());
        OptimizerChoice optimizer = input.optimizer();
        out.writeBoolean(optimizer != null);
        if (optimizer != null) {
            writeString(out, optimizer.name());
            writeString(out, optimizer.type());
            out.writeDouble(optimizer.learningRate());
            out.writeDouble(optimizer.momentum());
            out.writeDouble(optimizer.weightDecay());
        }
        writeTensor(out, input.trainX());
        writeInts(out, input.trainLabels());
        writeTensor(out, input.valX());
        out.writeInt(input.numClasses());
        out.writeLong(input.seed());
        int[][] order = input.order();
        writeCount(out, order == null ? -1 : order.length, MAX_COLLECTION, "epochs of batch order");
        if (order != null) {
            for (int[] epoch : order) {
                writeInts(out, epoch);
            }
        }
        writeTensorMap(out, input.initialParams());
    }

    /**
     * @param in where to read
     * @return one training run's data and optimizer
     * @throws IOException if the data is truncated or malformed
     */
    public static TrainingInput readTrainingInput(DataInput in) throws IOException {
        String run = readString(in);
        OptimizerChoice optimizer = null;
        if (presence(in, "optimizer")) {
            String name = readString(in);
            String type = readString(in);
            try {
                optimizer = new OptimizerChoice(name, type, in.readDouble(), in.readDouble(), in.readDouble());
            } catch (IllegalArgumentException e) {
                throw new IOException(e.getMessage());
            }
        }
        Tensor trainX = readTensor(in);
        int[] trainLabels = readInts(in);
        Tensor valX = readTensor(in);
        int numClasses = in.readInt();
        long seed = in.readLong();
        int epochs = readCount(in, MAX_COLLECTION, "epochs of batch order", true);
        int[][] order = null;
        if (epochs >= 0) {
            order = new int[epochs][];
            for (int i = 0; i < epochs; i++) {
                order[i] = readInts(in);
            }
        }
        if (run == null || trainX == null || trainLabels == null || valX == null) {
            throw new IOException("a training run needs a name, training images and labels, and validation images");
        }
        return new TrainingInput(run, optimizer, trainX, trainLabels, valX, numClasses, seed, order, readTensorMap(in));
    }

    /**
     * @param out where to write
     * @param output what one training run did
     * @throws IOException if the stream fails
     */
    public static void writeTrainingOutput(DataOutput out, TrainingOutput output) throws IOException {
        out.writeInt(output.epochs());
        out.writeInt(output.batchSize());
        out.writeLong(output.parameters());
        writeString(out, output.optimizer());
        writeDoubles(out, output.trainLoss());
        writeCount(out, output.valLogits().size(), MAX_COLLECTION, "validation logits");
        for (Tensor logits : output.valLogits()) {
            writeTensor(out, logits);
        }
        out.writeDouble(output.seconds());
        writeFailure(out, output.failure());
    }

    /**
     * @param in where to read
     * @return what one training run did
     * @throws IOException if the data is truncated or malformed
     */
    public static TrainingOutput readTrainingOutput(DataInput in) throws IOException {
        int epochs = in.readInt();
        int batchSize = in.readInt();
        long parameters = in.readLong();
        String optimizer = readString(in);
        double[] trainLoss = readDoubles(in);
        int count = readCount(in, MAX_COLLECTION, "validation logits", false);
        List<Tensor> valLogits = new ArrayList<>(Math.min(count, 64));
        for (int i = 0; i < count; i++) {
            Tensor logits = readTensor(in);
            if (logits == null) {
                throw new IOException("validation logits must all be present");
            }
            valLogits.add(logits);
        }
        double seconds = in.readDouble();
        if (optimizer == null || trainLoss == null) {
            throw new IOException("a training output needs an optimizer name and a loss curve");
        }
        return new TrainingOutput(epochs, batchSize, parameters, optimizer, trainLoss, valLogits, seconds, readFailure(in));
    }

    /**
     * @param out where to write
     * @param digits the raw digits and split, or {@code null}
     * @throws IOException if the stream fails
     */
    public static void writeDigits(DataOutput out, Digits digits) throws IOException {
        out.writeBoolean(digits != null);
        if (digits != null) {
            writeTensor(out, digits.pixels());
            writeInts(out, digits.targets());
            writeInts(out, digits.trainIndex());
            writeInts(out, digits.valIndex());
        }
    }

    /**
     * @param in where to read
     * @return the raw digits and split, or {@code null}
     * @throws IOException if the data is truncated or malformed
     */
    public static Digits readDigits(DataInput in) throws IOException {
        return presence(in, "digits") ? new Digits(readTensor(in), readInts(in), readInts(in), readInts(in)) : null;
    }

    /**
     * @param out where to write
     * @param failure what went wrong, or {@code null}
     * @throws IOException if the stream fails
     */
    public static void writeFailure(DataOutput out, StudentFailure failure) throws IOException {
        out.writeBoolean(failure != null);
        if (failure != null) {
            writeString(out, failure.kind());
            writeText(out, failure.message());
        }
    }

    /**
     * @param in where to read
     * @return what went wrong, or {@code null}
     * @throws IOException if the data is truncated or malformed
     */
    public static StudentFailure readFailure(DataInput in) throws IOException {
        if (!presence(in, "failure")) {
            return null;
        }
        String kind = readString(in);
        Text message = readText(in);
        if (kind == null || message == null) {
            throw new IOException("a failure needs a kind and a message");
        }
        return new StudentFailure(kind, message);
    }

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
    public static void writeText(DataOutput out, Text text) throws IOException {
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
    public static Text readText(DataInput in) throws IOException {
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

    // ---- building blocks ----

    /**
     * @param out where to write
     * @param tensor shape and float32 data, or {@code null}
     * @throws IOException if the stream fails
     * @throws IllegalArgumentException if it has more than {@link #MAX_TENSOR_ELEMENTS} elements
     *     or {@link #MAX_RANK} dimensions
     */
    public static void writeTensor(DataOutput out, Tensor tensor) throws IOException {
        if (tensor == null) {
            out.writeInt(-1);
            return;
        }
        int[] shape = tensor.shape();
        if (shape.length > MAX_RANK) {
            throw new IllegalArgumentException("tensor of rank " + shape.length + " exceeds " + MAX_RANK);
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
    public static Tensor readTensor(DataInput in) throws IOException {
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
    public static void writeDoubles(DataOutput out, double[] values) throws IOException {
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
    public static double[] readDoubles(DataInput in) throws IOException {
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
    public static void writeInts(DataOutput out, int[] values) throws IOException {
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
    public static int[] readInts(DataInput in) throws IOException {
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
    public static void writeTensorMap(DataOutput out, Map<String, Tensor> tensors) throws IOException {
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
    public static Map<String, Tensor> readTensorMap(DataInput in) throws IOException {
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
    public static void writeDoubleMap(DataOutput out, Map<String, Double> values) throws IOException {
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
    public static Map<String, Double> readDoubleMap(DataInput in) throws IOException {
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
    public static void writeString(DataOutput out, String text) throws IOException {
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
    public static String readString(DataInput in) throws IOException {
        int length = readCount(in, MAX_STRING_BYTES, "string", true);
        return length < 0 ? null : new String(readBytes(in, length, "string"), StandardCharsets.UTF_8);
    }

    private static void writeCaptured(DataOutput out, Captured captured) throws IOException {
        writeCount(out, captured.kept().length, MAX_STRING_BYTES, "captured output");
        out.write(captured.kept());
        out.writeLong(captured.dropped());
    }

    private static Captured readCaptured(DataInput in) throws IOException {
        int length = readCount(in, MAX_STRING_BYTES, "captured output", false);
        byte[] kept = readBytes(in, length, "captured output");
        long dropped = in.readLong();
        if (dropped < 0) {
            throw new IOException("captured output reports " + dropped + " dropped bytes");
        }
        return new Captured(kept, dropped);
    }

    // ---- helpers ----

    private static String requireKey(String key) {
        if (key == null) {
            throw new IllegalArgumentException("map key is null");
        }
        return key;
    }

    private static String readKey(DataInput in, Map<String, ?> map, String what) throws IOException {
        String key = readString(in);
        if (key == null) {
            throw new IOException(what + " has a null key");
        }
        if (map.containsKey(key)) {
            throw new IOException(what + " repeats the key " + key);
        }
        return key;
    }

    private static boolean presence(DataInput in, String what) throws IOException {
        byte flag = in.readByte();
        if (flag != 0 && flag != 1) {
            throw new IOException(what + ": presence byte " + flag + " is neither 0 nor 1");
        }
        return flag == 1;
    }

    private static String shortened(String text) {
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

    private static void writeCount(DataOutput out, int count, int max, String what) throws IOException {
        if (count > max) {
            throw new IllegalArgumentException(what + " of " + count + " exceeds the limit of " + max);
        }
        out.writeInt(count);
    }

    private static int readCount(DataInput in, int max, String what, boolean nullable) throws IOException {
        int count = in.readInt();
        if ((count < 0 && !(nullable && count == -1)) || count > max) {
            throw new IOException(what + ": length " + count + " outside 0.." + max);
        }
        return count;
    }

    /** Reads {@code length} bytes, growing the array only as they arrive. */
    private static byte[] readBytes(DataInput in, long length, String what) throws IOException {
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

    private interface Body {
        void write(DataOutput out) throws IOException;
    }

    private interface Decoding<T> {
        T read() throws IOException;
    }

    private static byte[] frame(Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 12);
        try {
            body.write(new DataOutputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("a byte array cannot fail", e);
        }
        if (bytes.size() > MAX_FRAME_BYTES) {
            throw new IllegalArgumentException("frame of " + bytes.size() + " bytes exceeds " + MAX_FRAME_BYTES);
        }
        return bytes.toByteArray();
    }

    private static <T> T decode(String what, Decoding<T> decoding) throws IOException {
        try {
            return decoding.read();
        } catch (EOFException e) {
            throw e.getMessage() != null && e.getMessage().startsWith("truncated") ? e
                    : new EOFException("truncated frame: the stream ended inside a " + what);
        } catch (IOException e) {
            throw new IOException("malformed " + what + " frame: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // a value the records refuse (a shape and data that disagree, a null where none may be)
            throw new IOException("malformed " + what + " frame: " + e, e);
        }
    }

    /** Ends a frame that grows beyond its limit, and never reads past what is asked. */
    private static final class FrameLimit extends FilterInputStream {

        private final long max;
        private long remaining;

        /** @param max the frame's limit; its first byte is already read */
        FrameLimit(InputStream in, long max) {
            super(in);
            this.max = max;
            this.remaining = max - 1;
        }

        @Override
        public int read() throws IOException {
            check(1);
            int b = super.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            check(length);
            int n = super.read(buffer, offset, (int) Math.min(length, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }

        private void check(int wanted) throws IOException {
            if (wanted > 0 && remaining <= 0) {
                throw new IOException("frame exceeds " + max + " bytes");
            }
        }

        @Override
        public void close() {
            // the underlying stream carries the next frames
        }
    }
}
