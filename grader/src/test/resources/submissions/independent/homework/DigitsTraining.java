package homework;

import io.cnnhomework.nn.LossFunction;
import io.cnnhomework.nn.LossHistory;
import io.cnnhomework.nn.Model;
import io.cnnhomework.nn.Optimizer;
import io.cnnhomework.nn.TrainingLoop;
import io.cnnhomework.tensor.Tensor;

/** train_model of the notebook, written apart from the reference solution. */
public class DigitsTraining implements TrainingLoop {

    @Override
    public void train(Model model, LossFunction cost, Optimizer optimizer, int epochs, LossHistory lossHistory, Tensor trainX,
            Tensor trainY, Tensor valX, Tensor valY) {
        int epoch = 0;
        while (epoch < epochs) {
            lossHistory.recordTrain(epoch, step(model, cost, optimizer, trainX, trainY));
            lossHistory.recordVal(epoch, evaluate(model, cost, valX, valY));
            epoch++;
        }
    }

    /** One full-batch update; returns the loss measured before it. */
    private static double step(Model model, LossFunction cost, Optimizer optimizer, Tensor x, Tensor y) {
        var out = cost.get(model.forward(x), y);
        var updated = optimizer.updateParams(model.backward(out.deltaL()));
        model.setParams(updated);
        return out.loss().item();
    }

    /** The loss in eval mode, leaving the model in training mode. */
    private static double evaluate(Model model, LossFunction cost, Tensor x, Tensor y) {
        model.eval();
        try {
            return cost.get(model.forward(x), y).loss().item();
        } finally {
            model.train();
        }
    }
}
