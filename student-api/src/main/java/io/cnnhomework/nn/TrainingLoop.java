package io.cnnhomework.nn;

import io.cnnhomework.tensor.Tensor;

/**
 * Task 3's training loop, the notebook's
 * {@code train_model(epochs, learning_rate, loss_history, train_x, train_label, val_x, val_label)}.
 * The grader finds it as {@code homework.DigitsTraining} (public no-argument constructor) and
 * calls it once, with the submission's own {@code CustomModel2} built from PyTorch's initial
 * weights, its own {@code CrossEntropyLoss} and its own {@code SGD} with {@code lr = 1}, and the
 * first 10 training and validation images of the submission's own {@code DigitsPreparation}.
 *
 * <p>The contract, the loop that trained PyTorch's curves: full batch, for every epoch
 * {@code e = 0 .. epochs − 1}
 * <ol>
 *   <li>training step on the training images, in training mode: forward, loss, backward, then
 *       the SGD step applied to the model ({@code model.setParams(optimizer.updateParams(grads))});
 *       record that loss (computed before the step) with {@code lossHistory.recordTrain(e, ...)};
 *   <li>then, after the step, the validation loss in eval mode ({@code model.eval()}, so that
 *       BatchNorm2d uses its running statistics): forward and loss on the validation images,
 *       recorded with {@code lossHistory.recordVal(e, ...)};
 *   <li>back to training mode ({@code model.train()}) for the next epoch.
 * </ol>
 * <pre>{@code
 * for (int e = 0; e < epochs; e++) {
 *     LossResult r = cost.get(model.forward(trainX), trainY);
 *     model.setParams(optimizer.updateParams(model.backward(r.deltaL())));
 *     lossHistory.recordTrain(e, r.loss().item());
 *     model.eval();
 *     lossHistory.recordVal(e, cost.get(model.forward(valX), valY).loss().item());
 *     model.train();
 * }
 * }</pre>
 * The grader compares both curves with PyTorch's by the notebook's rule (summed absolute error
 * over the epochs below 1e-3, each curve).
 *
 * <p>Цикл обучения задания 3 ({@code train_model} из ноутбука): полный пакет; в каждой эпохе
 * прямой проход, потеря, обратный проход и шаг SGD на обучающих изображениях в режиме обучения,
 * затем потеря на валидации в режиме eval, затем снова режим обучения.
 */
@FunctionalInterface
public interface TrainingLoop {

    /**
     * Trains the model and fills the loss history.
     *
     * @param model the network, in training mode, with PyTorch's initial weights
     * @param cost the loss, {@code CrossEntropyLoss}
     * @param optimizer plain SGD over the model's parameters, {@code lr = 1}
     * @param epochs how many epochs (10)
     * @param lossHistory where to record each epoch's training and validation loss; holds
     *     {@code epochs} epochs
     * @param trainX the training images, {@code [10, 1, 8, 8]} (the notebook's {@code train_x[0:10]})
     * @param trainY their classes one-hot, {@code [10, 10]}, as {@code cost.get} takes them
     * @param valX the validation images, {@code [10, 1, 8, 8]} ({@code val_x[0:10]})
     * @param valY their classes one-hot, {@code [10, 10]}
     */
    void train(Model model, LossFunction cost, Optimizer optimizer, int epochs, LossHistory lossHistory, Tensor trainX,
            Tensor trainY, Tensor valX, Tensor valY);
}
