package io.cnnhomework.grader.exercise;

import io.cnnhomework.grader.submission.Homework;
import io.cnnhomework.grader.submission.StudentCodeException;
import io.cnnhomework.grader.submission.StudentFailure;
import io.cnnhomework.nn.LossFunction;
import io.cnnhomework.nn.LossResult;
import io.cnnhomework.nn.Model;
import io.cnnhomework.nn.Optimizer;
import io.cnnhomework.nn.TrainingRecipe;
import io.cnnhomework.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The optional task's training loop, as {@link TrainingRecipe} documents it: mini-batches in a
 * fresh order every epoch, the submission's CrossEntropyLoss, one optimizer step per batch, and
 * the validation logits in eval mode after every epoch. A non-finite training loss ends the run
 * (the optimizer diverged); what was computed before is kept.
 */
public final class OwnNetworkTraining {

    /** The recipe's class in package {@code homework}. */
    public static final String RECIPE_CLASS = "OwnNetwork";
    /** Most epochs a recipe may ask for. */
    public static final int MAX_EPOCHS = 1000;

    private final Homework homework;
    private final TrainingProgress progress;

    /** @param homework the submission's classes */
    public OwnNetworkTraining(Homework homework) {
        this(homework, TrainingProgress.SILENT);
    }

    /**
     * @param homework the submission's classes
     * @param progress told after every epoch
     */
    public OwnNetworkTraining(Homework homework, TrainingProgress progress) {
        this.homework = homework;
        this.progress = progress;
    }

    /**
     * @param input the data and the optimizer
     * @return the epochs run, the losses and logits, and the failure if any
     */
    public TrainingOutput run(TrainingInput input) {
        Progress progress = new Progress();
        progress.failure = StudentFailure.during(() -> train(input, progress));
        return progress.toOutput();
    }

    private void train(TrainingInput input, Progress progress) {
        TrainingRecipe recipe = homework.construct(RECIPE_CLASS, TrainingRecipe.class, new Class<?>[0]);
        int n = input.trainX().size(0);
        int side = input.trainX().size(2);
        progress.epochs = recipe.epochs();
        progress.batchSize = recipe.batchSize();
        if (progress.epochs < 1 || progress.epochs > MAX_EPOCHS) {
            throw StudentCodeException.contract("contract.recipe-range", RECIPE_CLASS + ".epochs", progress.epochs, 1, MAX_EPOCHS);
        }
        if (progress.batchSize < 1 || progress.batchSize > n) {
            throw StudentCodeException.contract("contract.recipe-range", RECIPE_CLASS + ".batchSize", progress.batchSize, 1, n);
        }
        if (input.order() != null && input.order().length < progress.epochs) {
            throw new IllegalArgumentException("the given batch order has " + input.order().length + " epochs, "
                    + RECIPE_CLASS + ".epochs asks for " + progress.epochs);
        }
        Model model = input.initialParams() != null
                ? recipe.newModel(side, input.numClasses(), NotebookTraining.copies(input.initialParams()))
                : recipe.newModel(side, input.numClasses(), new Random(input.seed()));
        if (model == null) {
            throw StudentCodeException.contract("contract.returned-null", RECIPE_CLASS + ".newModel");
        }
        Map<String, Tensor> params = model.getParams();
        progress.parameters = params.values().stream().mapToLong(Tensor::numel).sum();
        Optimizer optimizer = input.optimizer() == null ? recipe.newOptimizer(params) : newOptimizer(input.optimizer(), params);
        if (optimizer == null) {
            throw StudentCodeException.contract("contract.returned-null", RECIPE_CLASS + ".newOptimizer");
        }
        progress.optimizer = optimizer.getClass().getName();
        String modelName = model.getClass().getSimpleName();
        LossFunction cost = homework.newCrossEntropyLoss();
        Batches batches = new Batches(input.trainX(), input.trainLabels(), input.numClasses());
        Tensor valX = input.valX().copy();
        String label = input.optimizer() == null ? RECIPE_CLASS : RECIPE_CLASS + " [" + input.run() + "]";
        long start = System.nanoTime();
        for (int epoch = 0; epoch < progress.epochs; epoch++) {
            int[] order = input.order() != null ? input.order()[epoch] : BatchOrder.shuffled(input.seed(), epoch, n);
            model.train();
            double lossSum = 0;
            int correct = 0;
            for (int from = 0; from < n; from += progress.batchSize) {
                int to = Math.min(n, from + progress.batchSize);
                Tensor x = batches.images(order, from, to);
                Tensor y = batches.oneHot(order, from, to);
                Tensor logits = NotebookTraining.requireShape(model.forward(x), y, modelName + ".forward");
                // counted before the loss and backward pass, which a submission may compute in place
                correct += batches.correct(logits, order, from);
                LossResult result = NotebookTraining.requireResult(cost.get(logits, y));
                Map<String, Tensor> grads = NotebookTraining.requireMatching(model.backward(result.deltaL()), params, "d", modelName + ".backward");
                params = NotebookTraining.requireMatching(optimizer.updateParams(grads), params, "",
                        optimizer.getClass().getSimpleName() + ".updateParams");
                model.setParams(params);
                lossSum += result.loss().item() * (to - from);
            }
            model.eval();
            Tensor valLogits = model.forward(valX);
            if (valLogits == null || valLogits.dim() != 2 || valLogits.size(0) != valX.size(0) || valLogits.size(1) != input.numClasses()) {
                throw StudentCodeException.contract("contract.logits-shape", modelName + ".forward (eval)",
                        valLogits == null ? "null" : Arrays.toString(valLogits.shape()), "[" + valX.size(0) + ", " + input.numClasses() + "]");
            }
            progress.trainLoss.add(lossSum / n);
            progress.valLogits.add(valLogits.copy());
            progress.seconds = (System.nanoTime() - start) / 1e9;
            this.progress.epochDone(new TrainingProgress.Epoch(label, epoch + 1, progress.epochs, lossSum / n,
                    (double) correct / n, progress.seconds));
            if (!Double.isFinite(lossSum)) {
                break;
            }
        }
    }

    private Optimizer newOptimizer(OptimizerChoice choice, Map<String, Tensor> params) {
        return choice.type() == LayerKind.SGD
                ? homework.newSgd(params, choice.learningRate(), choice.momentum(), 0.0, choice.weightDecay(), false)
                : homework.newAdam(choice.type().className(), params, choice.learningRate(), OptimizerChoice.BETA1, OptimizerChoice.BETA2,
                        OptimizerChoice.EPS, choice.weightDecay());
    }

    /** Gathers mini-batches by row index from the training split, without per-row tensors. */
    private static final class Batches {
        private final float[] images;
        private final int[] labels;
        private final int[] imageShape;
        private final int rowSize;
        private final int classes;

        Batches(Tensor x, int[] labels, int classes) {
            this.images = x.toArray();
            this.labels = labels.clone();
            this.imageShape = x.shape();
            this.rowSize = x.numel() / x.size(0);
            this.classes = classes;
        }

        Tensor images(int[] order, int from, int to) {
            float[] batch = new float[(to - from) * rowSize];
            for (int i = from; i < to; i++) {
                System.arraycopy(images, order[i] * rowSize, batch, (i - from) * rowSize, rowSize);
            }
            int[] shape = imageShape.clone();
            shape[0] = to - from;
            return Tensor.of(batch, shape);
        }

        /** How many rows of a batch's logits have their largest value at the row's class (the first maximum on ties). */
        int correct(Tensor logits, int[] order, int from) {
            float[] values = logits.toArray();
            int rows = logits.size(0);
            int correct = 0;
            for (int row = 0; row < rows; row++) {
                int best = 0;
                for (int c = 1; c < classes; c++) {
                    if (values[row * classes + c] > values[row * classes + best]) {
                        best = c;
                    }
                }
                correct += best == labels[order[from + row]] ? 1 : 0;
            }
            return correct;
        }

        Tensor oneHot(int[] order, int from, int to) {
            int[] batch = new int[to - from];
            for (int i = from; i < to; i++) {
                batch[i - from] = labels[order[i]];
            }
            return Tensor.oneHot(batch, classes);
        }
    }

    /** What has been computed so far; kept when training stops early. */
    private static final class Progress {
        int epochs;
        int batchSize;
        long parameters;
        String optimizer = "";
        final List<Double> trainLoss = new ArrayList<>();
        final List<Tensor> valLogits = new ArrayList<>();
        double seconds;
        StudentFailure failure;

        TrainingOutput toOutput() {
            return new TrainingOutput(epochs, batchSize, parameters, optimizer,
                    trainLoss.stream().mapToDouble(Double::doubleValue).toArray(), valLogits, seconds, failure);
        }
    }
}
