package io.cnnhomework.grader.exercise;

import io.cnnhomework.grader.submission.Homework;
import io.cnnhomework.grader.submission.StudentCodeException;
import io.cnnhomework.grader.submission.StudentFailure;
import io.cnnhomework.nn.DigitsSplit;
import io.cnnhomework.nn.LossFunction;
import io.cnnhomework.nn.LossHistory;
import io.cnnhomework.nn.LossResult;
import io.cnnhomework.nn.Model;
import io.cnnhomework.nn.Optimizer;
import io.cnnhomework.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The notebook's training: full batch, one forward, loss, backward and SGD step per epoch, the
 * loss recorded each epoch ({@code train_custom_model}). Task 3 also prepares the digits with the
 * submission's own code and, after each step, measures the validation loss in eval mode; its loop
 * is the student's own ({@link Loop#STUDENT}), and the grader's ({@link Loop#NOTEBOOK}), with or
 * without one of the usual mistakes, runs on the student's layers to tell the loop from the layers.
 */
public final class NotebookTraining {

    private final Homework homework;

    /** @param homework the submission's classes */
    public NotebookTraining(Homework homework) {
        this.homework = homework;
    }

    /**
     * @param input the task's inputs and initial weights, and the loop to train with
     * @return the losses (and, from the grader's loops, the trace) of every completed epoch, and the
     *     failure if any
     */
    public TaskOutput run(TaskInput input) {
        Progress progress = new Progress(input.epochs(), input.digits() != null);
        progress.failure = StudentFailure.during(() -> train(input, progress));
        return progress.toOutput();
    }

    private void train(TaskInput input, Progress progress) {
        Tensor trainX = input.trainX();
        int[] trainLabels = input.trainLabels();
        Tensor valX = null;
        Tensor valY = null;
        if (input.digits() != null) {
            DigitsSplit split = prepare(input.digits());
            progress.preparedTrainX = split.trainX().copy();
            progress.preparedValX = split.valX().copy();
            int n = input.batchSize();
            trainX = firstRows(split.trainX(), n, "trainX", input.inputSize());
            trainLabels = firstLabels(split.trainLabels(), n, "trainLabels", input.numClasses());
            valX = firstRows(split.valX(), n, "valX", input.inputSize());
            valY = Tensor.oneHot(firstLabels(split.valLabels(), n, "valLabels", input.numClasses()), input.numClasses());
        }
        Tensor y = Tensor.oneHot(trainLabels, input.numClasses());
        Model model = homework.newModel(input.modelClass(), input.inputSize(), input.numClasses(), copies(input.initialParams()));
        LossFunction cost = homework.newCrossEntropyLoss();
        Optimizer optimizer = homework.newSgd(input.learningRate(), model.getParams());
        model.train();
        if (input.loop() == Loop.STUDENT) {
            LossHistory history = new LossHistory(input.epochs());
            progress.history = history;
            homework.newTrainingLoop().train(model, cost, optimizer, input.epochs(), history, trainX.copy(), y.copy(), valX.copy(),
                    valY.copy());
            requireRecorded(history);
            return;
        }
        Loop loop = input.loop();
        for (int epoch = 0; epoch < input.epochs(); epoch++) {
            Map<String, Tensor> params = copies(model.getParams());
            Tensor yPred = requireShape(model.forward(trainX), y, input.modelClass() + ".forward");
            LossResult result = requireResult(cost.get(yPred, y));
            Map<String, Tensor> grads = requireMatching(model.backward(result.deltaL()), params, "d",
                    input.modelClass() + ".backward");
            progress.trace.add(new EpochTrace(yPred.copy(), params, copies(grads)));
            progress.trainLoss[epoch] = result.loss().item();
            if (valX != null && !loop.validatesAfterStep()) {
                progress.valLoss[epoch] = validate(loop, model, cost, input, trainX, y, valX, valY);
            }
            Map<String, Tensor> next = requireMatching(optimizer.updateParams(grads), params, "", "SGD.updateParams");
            if (loop.appliesStep()) {
                model.setParams(next);
            }
            if (valX != null && loop.validatesAfterStep()) {
                progress.valLoss[epoch] = loop == Loop.RECORDS_TRAINING_LOSS_AS_VALIDATION ? progress.trainLoss[epoch]
                        : validate(loop, model, cost, input, trainX, y, valX, valY);
            }
            progress.epochsDone = epoch + 1;
        }
    }

    /** The validation loss of one epoch, as the loop measures it: in eval mode, unless it is a mistake that does not. */
    private static double validate(Loop loop, Model model, LossFunction cost, TaskInput input, Tensor trainX, Tensor trainY,
            Tensor valX, Tensor valY) {
        Tensor x = loop.validatesOnValidationImages() ? valX : trainX;
        Tensor y = loop.validatesOnValidationImages() ? valY : trainY;
        if (loop.validatesInEvalMode()) {
            model.eval();
        }
        Tensor valPred = requireShape(model.forward(x), y, input.modelClass() + ".forward (eval)");
        double loss = requireResult(cost.get(valPred, y)).loss().item();
        if (loop.validatesInEvalMode() && loop.returnsToTrainMode()) {
            model.train();
        }
        return loss;
    }

    /** The student's loop returned: every epoch must have both its losses. */
    private static void requireRecorded(LossHistory history) {
        double[] train = history.trainLoss();
        double[] val = history.valLoss();
        for (int epoch = 0; epoch < train.length; epoch++) {
            if (Double.isNaN(train[epoch])) {
                throw StudentCodeException.contract("contract.loop-train-missing", epoch);
            }
            if (Double.isNaN(val[epoch])) {
                throw StudentCodeException.contract("contract.loop-val-missing", epoch);
            }
        }
    }

    /**
     * Checks that a map returned by student code has, for every parameter key K, the entry
     * {@code prefix + K} with K's shape: gradients from backward, parameters from the optimizer.
     */
    static Map<String, Tensor> requireMatching(Map<String, Tensor> returned, Map<String, Tensor> params, String prefix,
            String where) {
        if (returned == null) {
            throw StudentCodeException.contract("contract.returned-null", where);
        }
        for (Map.Entry<String, Tensor> param : params.entrySet()) {
            String key = prefix + param.getKey();
            Tensor value = returned.get(key);
            if (value == null) {
                throw StudentCodeException.contract("contract.key-missing", where, key, returned.keySet());
            }
            if (!value.sameShape(param.getValue())) {
                throw StudentCodeException.contract("contract.key-shape", where, key, Arrays.toString(value.shape()),
                        Arrays.toString(param.getValue().shape()));
            }
        }
        return returned;
    }

    /**
     * Copies of a submission's or the reference's tensors: the submission cannot alter the
     * reference, and its later in-place updates cannot rewrite the trace.
     */
    static Map<String, Tensor> copies(Map<String, Tensor> tensors) {
        Map<String, Tensor> copy = new LinkedHashMap<>();
        tensors.forEach((key, value) -> copy.put(key, value == null ? null : Produced.copy(value, key)));
        return copy;
    }

    private DigitsSplit prepare(Digits digits) {
        DigitsSplit split = homework.newDigitsPreparation().prepare(digits.pixels().copy(), digits.targets().clone(),
                digits.trainIndex().clone(), digits.valIndex().clone());
        if (split == null) {
            throw StudentCodeException.contract("contract.returned-null", "DigitsPreparation.prepare");
        }
        return split;
    }

    private static Tensor firstRows(Tensor x, int n, String what, int side) {
        if (x.dim() != 4 || x.size(0) < n || x.size(1) != 1 || x.size(2) != side || x.size(3) != side) {
            throw StudentCodeException.contract("contract.prepared-shape", what, Arrays.toString(x.shape()), n, side);
        }
        return x.slice(0, 0, n);
    }

    private static int[] firstLabels(int[] labels, int n, String what, int classes) {
        if (labels.length < n) {
            throw StudentCodeException.contract("contract.labels-count", what, labels.length, n);
        }
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw StudentCodeException.contract("contract.label-range", what, i, labels[i], classes - 1);
            }
        }
        return Arrays.copyOf(labels, n);
    }

    static Tensor requireShape(Tensor logits, Tensor target, String where) {
        if (logits == null) {
            throw StudentCodeException.contract("contract.returned-null", where);
        }
        if (!logits.sameShape(target)) {
            throw StudentCodeException.contract("contract.logits-shape", where, Arrays.toString(logits.shape()), Arrays.toString(target.shape()));
        }
        return logits;
    }

    static LossResult requireResult(LossResult result) {
        if (result == null) {
            throw StudentCodeException.contract("contract.returned-null", "CrossEntropyLoss.get");
        }
        if (result.loss().numel() != 1) {
            throw StudentCodeException.contract("contract.loss-shape", Arrays.toString(result.loss().shape()));
        }
        return result;
    }

    /** What has been computed so far; kept when training stops early. */
    private static final class Progress {
        final double[] trainLoss;
        final double[] valLoss;
        final List<EpochTrace> trace = new ArrayList<>();
        int epochsDone;
        Tensor preparedTrainX;
        Tensor preparedValX;
        StudentFailure failure;
        /** The student's loop's history, or {@code null} when the grader's loop trains. */
        LossHistory history;

        Progress(int epochs, boolean validates) {
            trainLoss = new double[epochs];
            valLoss = validates ? new double[epochs] : null;
        }

        TaskOutput toOutput() {
            if (history != null) {
                // The epochs from the first whose two losses are both recorded: what the loop completed.
                double[] train = history.trainLoss();
                double[] val = history.valLoss();
                int done = 0;
                while (done < train.length && !Double.isNaN(train[done]) && !Double.isNaN(val[done])) {
                    done++;
                }
                return new TaskOutput(Arrays.copyOf(train, done), Arrays.copyOf(val, done), preparedTrainX, preparedValX, List.of(), failure);
            }
            return new TaskOutput(Arrays.copyOf(trainLoss, epochsDone),
                    valLoss == null ? null : Arrays.copyOf(valLoss, epochsDone), preparedTrainX, preparedValX,
                    trace.subList(0, Math.min(epochsDone, trace.size())), failure);
        }
    }
}
