package io.cnnhomework.grader.isolation;

import static io.cnnhomework.grader.isolation.ValueCodec.MAX_COLLECTION;
import static io.cnnhomework.grader.isolation.ValueCodec.presence;
import static io.cnnhomework.grader.isolation.ValueCodec.readCount;
import static io.cnnhomework.grader.isolation.ValueCodec.readDoubleMap;
import static io.cnnhomework.grader.isolation.ValueCodec.readDoubles;
import static io.cnnhomework.grader.isolation.ValueCodec.readInts;
import static io.cnnhomework.grader.isolation.ValueCodec.readString;
import static io.cnnhomework.grader.isolation.ValueCodec.readTensor;
import static io.cnnhomework.grader.isolation.ValueCodec.readTensorMap;
import static io.cnnhomework.grader.isolation.ValueCodec.readText;
import static io.cnnhomework.grader.isolation.ValueCodec.shortened;
import static io.cnnhomework.grader.isolation.ValueCodec.writeCount;
import static io.cnnhomework.grader.isolation.ValueCodec.writeDoubleMap;
import static io.cnnhomework.grader.isolation.ValueCodec.writeDoubles;
import static io.cnnhomework.grader.isolation.ValueCodec.writeInts;
import static io.cnnhomework.grader.isolation.ValueCodec.writeString;
import static io.cnnhomework.grader.isolation.ValueCodec.writeTensor;
import static io.cnnhomework.grader.isolation.ValueCodec.writeTensorMap;
import static io.cnnhomework.grader.isolation.ValueCodec.writeText;

import io.cnnhomework.grader.exercise.Digits;
import io.cnnhomework.grader.exercise.EpochTrace;
import io.cnnhomework.grader.exercise.Job;
import io.cnnhomework.grader.exercise.LayerInput;
import io.cnnhomework.grader.exercise.LayerKind;
import io.cnnhomework.grader.exercise.LayerOutput;
import io.cnnhomework.grader.exercise.Loop;
import io.cnnhomework.grader.exercise.OptimizerChoice;
import io.cnnhomework.grader.exercise.Outcome;
import io.cnnhomework.grader.exercise.TaskInput;
import io.cnnhomework.grader.exercise.TaskOutput;
import io.cnnhomework.grader.exercise.TrainingInput;
import io.cnnhomework.grader.exercise.TrainingOutput;
import io.cnnhomework.grader.messages.Text;
import io.cnnhomework.grader.submission.FailureKind;
import io.cnnhomework.grader.submission.StudentFailure;
import io.cnnhomework.tensor.Tensor;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The grading values that cross to the child JVM and back, in {@link ValueCodec}'s encodings:
 * the jobs ({@link TaskInput}, {@link LayerInput}, {@link TrainingInput}) and their outcomes
 * ({@link TaskOutput}, {@link LayerOutput}, {@link TrainingOutput}), fields in their records'
 * order.
 */
final class GradingCodec {

    /**
     * @param out where to write
     * @param job the job's fields (its kind travels in the frame's type)
     * @throws IOException if the stream fails
     */
    static void writeJob(DataOutput out, Job job) throws IOException {
        if (job instanceof TaskInput task) {
            writeTaskInput(out, task);
        } else if (job instanceof LayerInput layer) {
            writeLayerInput(out, layer);
        } else {
            writeTrainingInput(out, (TrainingInput) job);
        }
    }

    /**
     * @param out where to write
     * @param outcome the outcome's fields (its kind travels in the frame's type)
     * @throws IOException if the stream fails
     */
    static void writeOutcome(DataOutput out, Outcome outcome) throws IOException {
        if (outcome instanceof TaskOutput task) {
            writeTaskOutput(out, task);
        } else if (outcome instanceof LayerOutput layer) {
            writeLayerOutput(out, layer);
        } else {
            writeTrainingOutput(out, (TrainingOutput) outcome);
        }
    }

    /**
     * @param out where to write
     * @param input a task's inputs
     * @throws IOException if the stream fails
     */
    static void writeTaskInput(DataOutput out, TaskInput input) throws IOException {
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
        writeString(out, input.loop().id());
    }

    /**
     * @param in where to read
     * @return a task's inputs
     * @throws IOException if the data is truncated or malformed
     */
    static TaskInput readTaskInput(DataInput in) throws IOException {
        String taskId = readString(in);
        String modelClass = readString(in);
        int inputSize = in.readInt();
        int numClasses = in.readInt();
        int epochs = in.readInt();
        double learningRate = in.readDouble();
        Tensor trainX = readTensor(in);
        int[] trainLabels = readInts(in);
        Map<String, Tensor> initialParams = readTensorMap(in);
        Digits digits = readDigits(in);
        int batchSize = in.readInt();
        String loopId = readString(in);
        Loop loop = Loop.byId(loopId).orElseThrow(() -> new IOException("unknown training loop " + shortened(String.valueOf(loopId))));
        try {
            return new TaskInput(taskId, modelClass, inputSize, numClasses, epochs, learningRate, trainX, trainLabels,
                    initialParams, digits, batchSize, loop);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage());
        }
    }

    /**
     * @param out where to write
     * @param output what a task computed
     * @throws IOException if the stream fails
     */
    static void writeTaskOutput(DataOutput out, TaskOutput output) throws IOException {
        writeDoubles(out, output.trainLoss());
        writeDoubles(out, output.valLoss());
        writeTensor(out, output.preparedTrainX());
        writeTensor(out, output.preparedValX());
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
    static TaskOutput readTaskOutput(DataInput in) throws IOException {
        double[] trainLoss = readDoubles(in);
        double[] valLoss = readDoubles(in);
        Tensor preparedTrain = readTensor(in);
        Tensor preparedVal = readTensor(in);
        int epochs = readCount(in, MAX_COLLECTION, "trace", false);
        List<EpochTrace> trace = new ArrayList<>(Math.min(epochs, 64));
        for (int i = 0; i < epochs; i++) {
            trace.add(readEpochTrace(in));
        }
        return new TaskOutput(trainLoss, valLoss, preparedTrain, preparedVal, trace, readFailure(in));
    }

    /**
     * @param out where to write
     * @param epoch one epoch's logits, parameters and gradients
     * @throws IOException if the stream fails
     */
    static void writeEpochTrace(DataOutput out, EpochTrace epoch) throws IOException {
        writeTensor(out, epoch.logits());
        writeTensorMap(out, epoch.params());
        writeTensorMap(out, epoch.grads());
    }

    /**
     * @param in where to read
     * @return one epoch's logits, parameters and gradients
     * @throws IOException if the data is truncated or malformed
     */
    static EpochTrace readEpochTrace(DataInput in) throws IOException {
        return new EpochTrace(readTensor(in), readTensorMap(in), readTensorMap(in));
    }

    /**
     * @param out where to write
     * @param input a layer case's inputs
     * @throws IOException if the stream fails
     */
    static void writeLayerInput(DataOutput out, LayerInput input) throws IOException {
        writeString(out, input.caseName());
        writeString(out, input.layer().className());
        writeDoubleMap(out, input.attributes());
        writeTensorMap(out, input.tensors());
        writeInts(out, input.labels());
    }

    /**
     * @param in where to read
     * @return a layer case's inputs
     * @throws IOException if the data is truncated or malformed
     */
    static LayerInput readLayerInput(DataInput in) throws IOException {
        String caseName = readString(in);
        String layer = readString(in);
        LayerKind kind = LayerKind.byClassName(layer).orElseThrow(() -> new IOException("unknown layer " + shortened(layer)));
        return new LayerInput(caseName, kind, readDoubleMap(in), readTensorMap(in), readInts(in));
    }

    /**
     * @param out where to write
     * @param output what a layer case computed
     * @throws IOException if the stream fails
     */
    static void writeLayerOutput(DataOutput out, LayerOutput output) throws IOException {
        writeTensorMap(out, output.tensors());
        writeFailure(out, output.failure());
    }

    /**
     * @param in where to read
     * @return what a layer case computed
     * @throws IOException if the data is truncated or malformed, or a tensor is missing
     */
    static LayerOutput readLayerOutput(DataInput in) throws IOException {
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
    static void writeTrainingInput(DataOutput out, TrainingInput input) throws IOException {
        writeString(out, input.run());
        OptimizerChoice optimizer = input.optimizer();
        out.writeBoolean(optimizer != null);
        if (optimizer != null) {
            writeString(out, optimizer.name());
            writeString(out, optimizer.type().className());
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
    static TrainingInput readTrainingInput(DataInput in) throws IOException {
        String run = readString(in);
        OptimizerChoice optimizer = null;
        if (presence(in, "optimizer")) {
            String name = readString(in);
            String type = readString(in);
            LayerKind kind = LayerKind.byClassName(type).orElseThrow(() -> new IOException("optimizer type " + shortened(type)
                    + " is no homework class"));
            try {
                optimizer = new OptimizerChoice(name, kind, in.readDouble(), in.readDouble(), in.readDouble());
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
    static void writeTrainingOutput(DataOutput out, TrainingOutput output) throws IOException {
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
    static TrainingOutput readTrainingOutput(DataInput in) throws IOException {
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
    static void writeDigits(DataOutput out, Digits digits) throws IOException {
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
    static Digits readDigits(DataInput in) throws IOException {
        return presence(in, "digits") ? new Digits(readTensor(in), readInts(in), readInts(in), readInts(in)) : null;
    }

    /**
     * @param out where to write
     * @param failure what went wrong, or {@code null}
     * @throws IOException if the stream fails
     */
    static void writeFailure(DataOutput out, StudentFailure failure) throws IOException {
        out.writeBoolean(failure != null);
        if (failure != null) {
            writeString(out, failure.kind().id());
            writeText(out, failure.message());
        }
    }

    /**
     * @param in where to read
     * @return what went wrong, or {@code null}
     * @throws IOException if the data is truncated or malformed
     */
    static StudentFailure readFailure(DataInput in) throws IOException {
        if (!presence(in, "failure")) {
            return null;
        }
        String kind = readString(in);
        Text message = readText(in);
        if (kind == null || message == null) {
            throw new IOException("a failure needs a kind and a message");
        }
        return new StudentFailure(FailureKind.byId(kind).orElseThrow(() -> new IOException("unknown failure kind " + shortened(kind))),
                message);
    }

    private GradingCodec() {
    }
}
