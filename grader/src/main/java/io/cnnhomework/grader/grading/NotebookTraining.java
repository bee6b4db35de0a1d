package io.cnnhomework.grader.grading;

import io.cnnhomework.grader.reference.Digits;
import io.cnnhomework.grader.submission.Homework;
import io.cnnhomework.grader.submission.StudentCodeException;
import io.cnnhomework.grader.submission.StudentFailure;
import io.cnnhomework.nn.DigitsSplit;
import io.cnnhomework.nn.LossFunction;
import io.cnnhomework.nn.LossResult;
import io.cnnhomework.nn.Model;
import io.cnnhomework.nn.Optimizer;
import io.cnnhomework.tensor.Tensor;
import java.util.Arrays;
import java.util.Map;

/**
 * The notebook's {@code train_custom_model}: full batch, one forward, loss, backward and SGD step
 * per epoch, the loss recorded each epoch. Task 3 also prepares the digits with the submission's
 * own code and, after each step, measures the validation loss in eval mode.
 */
public final class NotebookTraining implements TaskRunner {

    private final Homework homework;

    /** @param homework the submission's classes */
    public NotebookTraining(Homework homework) {
        this.homework = homework;
    }

    @Override
    public TaskOutput run(TaskInput input) {
        Progress progress = new Progress(input.epochs(), input.digits() != null);
        try {
            train(input, progress);
        } catch (StudentCodeException e) {
            progress.failure = e.failure();
        } catch (Throwable e) { // student code may throw anything, errors included; the grader goes on
            progress.failure = StudentFailure.of(e);
        }
        return progress.toOutput();
    }

    private void train(TaskInput input, Progress progress) {
        Tensor trainX = input.trainX();
        int[] trainLabels = input.trainLabels();
        Tensor valX = null;
        Tensor valY = null;
        if (input.digits() != null) {
            DigitsSplit split = prepare(input.digits());
            int n = input.batchSize();
            trainX = firstRows(split.trainX(), n, "trainX");
            trainLabels = Arrays.copyOf(split.trainLabels(), Math.min(n, split.trainLabels().length));
            progress.preparedTrainX = trainX.copy();
            valX = firstRows(split.valX(), n, "valX");
            valY = Tensor.oneHot(Arrays.copyOf(split.valLabels(), Math.min(n, split.valLabels().length)), input.numClasses());
        }
        Tensor y = Tensor.oneHot(trainLabels, input.numClasses());
        Model model = homework.newModel(input.modelClass(), input.inputSize(), input.numClasses(), input.copyOfInitialParams());
        LossFunction cost = homework.newCrossEntropyLoss();
        Optimizer optimizer = homework.newSgd(input.learningRate(), model.getParams());
        model.train();
        for (int epoch = 0; epoch < input.epochs(); epoch++) {
            Tensor yPred = requireShape(model.forward(trainX), y, input.modelClass() + ".forward");
            LossResult result = requireResult(cost.get(yPred, y));
            Map<String, Tensor> grads = model.backward(result.deltaL());
            model.setParams(optimizer.updateParams(grads));
            progress.trainLoss[epoch] = result.loss().item();
            if (valX != null) {
                model.eval();
                Tensor valPred = requireShape(model.forward(valX), valY, input.modelClass() + ".forward (eval)");
                progress.valLoss[epoch] = requireResult(cost.get(valPred, valY)).loss().item();
                model.train();
            }
            progress.epochsDone = epoch + 1;
        }
    }

    private DigitsSplit prepare(Digits digits) {
        DigitsSplit split = homework.newDigitsPreparation().prepare(digits.pixels().copy(), digits.targets().clone(),
                digits.trainIndex().clone(), digits.valIndex().clone());
        if (split == null) {
            throw new StudentCodeException(StudentFailure.contract("DigitsPreparation.prepare returned null"));
        }
        return split;
    }

    private static Tensor firstRows(Tensor x, int n, String what) {
        if (x.dim() == 0 || x.size(0) < n) {
            throw new StudentCodeException(StudentFailure.contract("DigitsPreparation.prepare: " + what + " has shape "
                    + Arrays.toString(x.shape()) + ", expected at least " + n + " images of [1, 8, 8]"));
        }
        return x.slice(0, 0, n);
    }

    private static Tensor requireShape(Tensor logits, Tensor target, String where) {
        if (logits == null) {
            throw new StudentCodeException(StudentFailure.contract(where + " returned null"));
        }
        if (!logits.sameShape(target)) {
            throw new StudentCodeException(StudentFailure.contract(where + " returned shape " + Arrays.toString(logits.shape())
                    + ", expected " + Arrays.toString(target.shape()) + " (batch, classes)"));
        }
        return logits;
    }

    private static LossResult requireResult(LossResult result) {
        if (result == null) {
            throw new StudentCodeException(StudentFailure.contract("CrossEntropyLoss.get returned null"));
        }
        if (result.loss().numel() != 1) {
            throw new StudentCodeException(StudentFailure.contract("CrossEntropyLoss.get: loss has shape "
                    + Arrays.toString(result.loss().shape()) + ", expected a single value (the mean over the batch)"));
        }
        return result;
    }

    /** What has been computed so far; kept when training stops early. */
    private static final class Progress {
        final double[] trainLoss;
        final double[] valLoss;
        int epochsDone;
        Tensor preparedTrainX;
        StudentFailure failure;

        Progress(int epochs, boolean validates) {
            trainLoss = new double[epochs];
            valLoss = validates ? new double[epochs] : null;
        }

        TaskOutput toOutput() {
            return new TaskOutput(Arrays.copyOf(trainLoss, epochsDone),
                    valLoss == null ? null : Arrays.copyOf(valLoss, epochsDone), preparedTrainX, failure);
        }
    }
}
