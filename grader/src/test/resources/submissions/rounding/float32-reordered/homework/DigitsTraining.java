package homework;

import io.cnnhomework.nn.LossFunction;
import io.cnnhomework.nn.LossHistory;
import io.cnnhomework.nn.LossResult;
import io.cnnhomework.nn.Model;
import io.cnnhomework.nn.Optimizer;
import io.cnnhomework.nn.TrainingLoop;
import io.cnnhomework.tensor.Tensor;
import java.util.Map;

/** Known-good task 3 loop: a training step, then the validation loss in eval mode, then back to train mode. */
public class DigitsTraining implements TrainingLoop {

    @Override
    public void train(Model model, LossFunction cost, Optimizer optimizer, int epochs, LossHistory lossHistory, Tensor trainX,
            Tensor trainY, Tensor valX, Tensor valY) {
        for (int e = 0; e < epochs; e++) {
            LossResult result = cost.get(model.forward(trainX), trainY);
            Map<String, Tensor> grads = model.backward(result.deltaL());
            model.setParams(optimizer.updateParams(grads));
            lossHistory.recordTrain(e, result.loss().item());
            model.eval();
            LossResult validation = cost.get(model.forward(valX), valY);
            lossHistory.recordVal(e, validation.loss().item());
            model.train();
        }
    }
}
