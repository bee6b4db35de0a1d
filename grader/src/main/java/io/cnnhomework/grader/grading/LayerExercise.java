package io.cnnhomework.grader.grading;

import io.cnnhomework.grader.submission.Homework;
import io.cnnhomework.grader.submission.StudentCodeException;
import io.cnnhomework.grader.submission.StudentFailure;
import io.cnnhomework.nn.Layer;
import io.cnnhomework.nn.LossFunction;
import io.cnnhomework.nn.LossResult;
import io.cnnhomework.nn.Optimizer;
import io.cnnhomework.nn.RunningStatistics;
import io.cnnhomework.nn.TensorFunction;
import io.cnnhomework.nn.TrainableLayer;
import io.cnnhomework.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs one of the submission's layers on a per-layer case, as PyTorch's autograd case was made:
 * forward on {@code input}, then backward on {@code grad_output}; records every tensor the layer
 * produced under the exporter's names. What was computed before a failure is kept.
 */
public final class LayerExercise {

    private final Homework homework;

    /** @param homework the submission's classes */
    public LayerExercise(Homework homework) {
        this.homework = homework;
    }

    /**
     * @param input the case
     * @return what the layer computed
     */
    public LayerOutput run(LayerInput input) {
        Map<String, Tensor> produced = new LinkedHashMap<>();
        StudentFailure failure = null;
        try {
            exercise(input, produced);
        } catch (StudentCodeException e) {
            failure = e.failure();
        } catch (Throwable e) { // student code may throw anything, errors included; the grader goes on
            failure = StudentFailure.of(e);
        }
        return new LayerOutput(produced, failure);
    }

    private void exercise(LayerInput input, Map<String, Tensor> produced) {
        switch (input.layer()) {
            case "Conv" -> trainable(input, homework.construct("Conv", TrainableLayer.class,
                    new Class<?>[] {Tensor.class, Tensor.class, int.class, int.class},
                    input.tensor("weight"), input.tensor("bias"), input.intAttribute("stride"), input.intAttribute("padding")),
                    produced);
            case "Fc" -> trainable(input, homework.construct("Fc", TrainableLayer.class,
                    new Class<?>[] {Tensor.class, Tensor.class}, input.tensor("weight"), input.tensor("bias")), produced);
            case "ReLU" -> forwardBackward(input, homework.construct("ReLU", Layer.class, new Class<?>[0]), produced);
            case "AvgPool" -> forwardBackward(input, homework.construct("AvgPool", Layer.class,
                    new Class<?>[] {int.class, int.class}, input.intAttribute("kernel"), input.intAttribute("stride")), produced);
            case "BatchNorm2d" -> batchNorm(input, produced);
            case "Softmax" -> produced.put("output", nonNull(homework.construct("Softmax", TensorFunction.class, new Class<?>[0])
                    .forward(input.tensor("input")), "Softmax.forward"));
            case "CrossEntropyLoss" -> crossEntropy(input, produced);
            case "SGD" -> sgd(input, produced);
            default -> throw new IllegalArgumentException("no exercise for layer " + input.layer() + " (case " + input.caseName() + ")");
        }
    }

    private static void forwardBackward(LayerInput input, Layer layer, Map<String, Tensor> produced) {
        String name = layer.getClass().getSimpleName();
        produced.put("output", nonNull(layer.forward(input.tensor("input")), name + ".forward").copy());
        produced.put("grad_input", nonNull(layer.backward(input.tensor("grad_output")), name + ".backward").copy());
    }

    private static void trainable(LayerInput input, TrainableLayer layer, Map<String, Tensor> produced) {
        forwardBackward(input, layer, produced);
        String name = layer.getClass().getSimpleName();
        produced.put("grad_weight", nonNull(layer.weightGrad(), name + ".weightGrad").copy());
        produced.put("grad_bias", nonNull(layer.biasGrad(), name + ".biasGrad").copy());
    }

    private void batchNorm(LayerInput input, Map<String, Tensor> produced) {
        Tensor weight = input.tensor("weight");
        TrainableLayer layer = homework.construct("BatchNorm2d", TrainableLayer.class, new Class<?>[] {int.class}, weight.size(0));
        if (!(layer instanceof RunningStatistics stats)) {
            throw StudentCodeException.contract("contract.must-implement", "homework.BatchNorm2d", RunningStatistics.class.getName());
        }
        layer.setParameters(weight, input.tensor("bias"));
        stats.setRunningStats(input.tensor("running_mean_before"), input.tensor("running_var_before"));
        layer.setTraining(input.attribute("training") != 0);
        trainable(input, layer, produced);
        produced.put("running_mean", nonNull(stats.runningMean(), "BatchNorm2d.runningMean").copy());
        produced.put("running_var", nonNull(stats.runningVar(), "BatchNorm2d.runningVar").copy());
    }

    private void crossEntropy(LayerInput input, Map<String, Tensor> produced) {
        Tensor logits = input.tensor("input");
        LossFunction loss = homework.construct("CrossEntropyLoss", LossFunction.class, new Class<?>[0]);
        LossResult result = loss.get(logits, Tensor.oneHot(input.labels(), logits.size(1)));
        if (result == null) {
            throw StudentCodeException.contract("contract.returned-null", "CrossEntropyLoss.get");
        }
        produced.put("output", result.loss().copy());
        produced.put("grad_input", result.deltaL().copy());
    }

    private void sgd(LayerInput input, Map<String, Tensor> produced) {
        Map<String, Tensor> params = new LinkedHashMap<>();
        Map<String, Tensor> grads = new LinkedHashMap<>();
        input.tensors().keySet().stream().sorted().forEach(name -> {
            if (name.startsWith("d")) {
                grads.put(name, input.tensor(name));
            } else {
                params.put(name, input.tensor(name));
            }
        });
        Optimizer optimizer = homework.construct("SGD", Optimizer.class, new Class<?>[] {double.class, Map.class},
                input.attribute("lr"), params);
        Map<String, Tensor> next = nonNull(optimizer.updateParams(grads), "SGD.updateParams");
        for (String key : params.keySet()) {
            produced.put(key + "_next", nonNull(next.get(key), "SGD.updateParams()[\"" + key + "\"]").copy());
        }
    }

    private static <T> T nonNull(T value, String what) {
        if (value == null) {
            throw StudentCodeException.contract("contract.returned-null", what);
        }
        return value;
    }
}
