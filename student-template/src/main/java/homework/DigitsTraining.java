package homework;

import io.cnnhomework.nn.LossFunction;
import io.cnnhomework.nn.LossHistory;
import io.cnnhomework.nn.Model;
import io.cnnhomework.nn.Optimizer;
import io.cnnhomework.nn.TrainingLoop;
import io.cnnhomework.tensor.Tensor;

/**
 * Task 3's training loop: the notebook's {@code train_model(epochs, learning_rate, loss_history,
 * train_x, train_label, val_x, val_label)}, written by you.
 * Цикл обучения задания 3 — {@code train_model} из ноутбука, его пишете вы.
 *
 * <p>The grader builds your {@code CustomModel2} from PyTorch's initial weights, your
 * {@code CrossEntropyLoss} and your {@code SGD} with {@code lr = 1}, and calls this once with the
 * first 10 training and validation images of your {@link DigitsPreparation}. Full batch; for each
 * of the 10 epochs {@code e}:
 * Грейдер создаёт ваши {@code CustomModel2} (с начальными весами PyTorch),
 * {@code CrossEntropyLoss} и {@code SGD} с {@code lr = 1} и вызывает этот метод один раз на первых
 * 10 обучающих и 10 валидационных изображениях. Полный пакет; в каждой из 10 эпох {@code e}:
 * <ol>
 *   <li>in training mode: forward on {@code trainX}, the loss against {@code trainY}, backward,
 *       the SGD step applied to the model ({@code model.setParams(optimizer.updateParams(grads))});
 *       record that loss with {@code lossHistory.recordTrain(e, loss)}.
 *       В режиме обучения: прямой проход, потеря, обратный проход, шаг SGD, применённый к модели;
 *       записать эту потерю в {@code recordTrain}.</li>
 *   <li>after the step, in eval mode ({@code model.eval()}: BatchNorm2d then uses its running
 *       statistics): the loss on {@code valX} against {@code valY}, recorded with
 *       {@code lossHistory.recordVal(e, loss)}.
 *       После шага, в режиме eval ({@code model.eval()}: BatchNorm2d берёт скользящие
 *       статистики): потеря на валидации, записать в {@code recordVal}.</li>
 *   <li>back to training mode, {@code model.train()}, before the next epoch.
 *       Вернуть режим обучения, {@code model.train()}, перед следующей эпохой.</li>
 * </ol>
 * Both curves must match PyTorch's: summed absolute error over the epochs below 1e-3 each.
 * Обе кривые должны совпасть с PyTorch: сумма модулей разностей по эпохам меньше 1e-3.
 */
public class DigitsTraining implements TrainingLoop {

    /**
     * @param model your CustomModel2, in training mode, with PyTorch's initial weights
     * @param cost your CrossEntropyLoss
     * @param optimizer your SGD over the model's parameters, {@code lr = 1}
     * @param epochs the number of epochs (10)
     * @param lossHistory record each epoch's training and validation loss here
     * @param trainX training images {@code [10, 1, 8, 8]}
     * @param trainY their classes one-hot {@code [10, 10]}
     * @param valX validation images {@code [10, 1, 8, 8]}
     * @param valY their classes one-hot {@code [10, 10]}
     */
    @Override
    public void train(Model model, LossFunction cost, Optimizer optimizer, int epochs, LossHistory lossHistory, Tensor trainX,
            Tensor trainY, Tensor valX, Tensor valY) {
        throw new UnsupportedOperationException("DigitsTraining.train: each epoch a training step (forward, loss, backward, "
                + "SGD step, recordTrain), then the validation loss in eval mode (recordVal), then back to train mode");
    }
}
