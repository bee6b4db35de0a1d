package io.cnnhomework.grader.exercise;

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
import java.util.Set;

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
        StudentFailure failure = StudentFailure.during(() -> exercise(input, produced));
        return new LayerOutput(produced, failure);
    }

    private void exercise(LayerInput input, Map<String, Tensor> produced) {
        switch (input.layer()) {
            case CONV -> trainable(input, homework.construct("Conv", TrainableLayer.class,
                    new Class<?>[] {Tensor.class, Tensor.class, int.class, int.class},
                    input.tensor("weight"), input.tensor("bias"), input.intAttribute("stride"), input.intAttribute("padding")),
                    produced);
            case FC -> trainable(input, homework.construct("Fc", TrainableLayer.class,
                    new Class<?>[] {Tensor.class, Tensor.class}, input.tensor("weight"), input.tensor("bias")), produced);
            case RELU -> forwardBackward(input, homework.construct("ReLU", Layer.class, new Class<?>[0]), produced);
            case MAX_POOL -> forwardBackward(input, homework.construct("MaxPool2d", Layer.class,
                    new Class<?>[] {int.class, int.class}, input.intAttribute("kernel"), input.intAttribute("stride")), produced);
            case AVG_POOL -> forwardBackward(input, homework.construct("AvgPool", Layer.class,
                    new Class<?>[] {int.class, int.class}, input.intAttribute("kernel"), input.intAttribute("stride")), produced);
            case BATCH_NORM -> batchNorm(input, produced);
            case SOFTMAX -> produced.put("output", taken(homework.construct("Softmax", TensorFunction.class, new Class<?>[0])
                    .forward(input.tensor("input")), "Softmax.forward"));
            case CROSS_ENTROPY -> crossEntropy(input, produced);
            case SGD -> {
                if (input.attributes().containsKey("momentum")) {
                    steps(input, optimizerWithHyperparameters(input), produced);
                } else {
                    sgd(input, produced);
                }
            }
            case ADAM, ADAMW -> steps(input, optimizerWithHyperparameters(input), produced);
        }
    }

    private static void forwardBackward(LayerInput input, Layer layer, Map<String, Tensor> produced) {
        String name = layer.getClass().getSimpleName();
        produced.put("output", taken(layer.forward(input.tensor("input")), name + ".forward"));
        produced.put("grad_input", taken(layer.backward(input.tensor("grad_output")), name + ".backward"));
    }

    private static void trainable(LayerInput input, TrainableLayer layer, Map<String, Tensor> produced) {
        forwardBackward(input, layer, produced);
        String name = layer.getClass().getSimpleName();
        produced.put("grad_weight", taken(layer.weightGrad(), name + ".weightGrad"));
        produced.put("grad_bias", taken(layer.biasGrad(), name + ".biasGrad"));
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
        produced.put("running_mean", taken(stats.runningMean(), "BatchNorm2d.runningMean"));
        produced.put("running_var", taken(stats.runningVar(), "BatchNorm2d.runningVar"));
    }

    private void crossEntropy(LayerInput input, Map<String, Tensor> produced) {
        Tensor logits = input.tensor("input");
        LossFunction loss = homework.construct("CrossEntropyLoss", LossFunction.class, new Class<?>[0]);
        LossResult result = loss.get(logits, Tensor.oneHot(input.labels(), logits.size(1)));
        if (result == null) {
            throw StudentCodeException.contract("contract.returned-null", "CrossEntropyLoss.get");
        }
        produced.put("output", taken(result.loss(), "CrossEntropyLoss.get().loss"));
        produced.put("grad_input", taken(result.deltaL(), "CrossEntropyLoss.get().deltaL"));
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
        Optimizer optimizer = homework.newSgd(input.attribute("lr"), params);
        Map<String, Tensor> next = nonNull(optimizer.updateParams(grads), "SGD.updateParams");
        for (String key : params.keySet()) {
            produced.put(key + "_next", taken(next.get(key), "SGD.updateParams()[\"" + key + "\"]"));
        }
    }

    /** The optimizer's own constructor: torch.optim's hyperparameters after the parameters. */
    private Optimizer optimizerWithHyperparameters(LayerInput input) {
        Map<String, Tensor> params = initialParameters(input);
        if (input.layer() == LayerKind.SGD) {
            return homework.newSgd(params, input.attribute("lr"), input.attribute("momentum"), input.attribute("dampening"),
                    input.attribute("weight_decay"), input.attribute("nesterov") != 0);
        }
        return homework.newAdam(input.layer().className(), params, input.attribute("lr"), input.attribute("beta1"), input.attribute("beta2"),
                input.attribute("eps"), input.attribute("weight_decay"));
    }

    /**
     * Several steps with the case's gradients ({@code dW1_step1}, ...); after step k records the
     * parameters as {@code W1_step<k>} and the state as {@code W1_exp_avg_step<k>}, ...
     */
    private static void steps(LayerInput input, Optimizer optimizer, Map<String, Tensor> produced) {
        String name = input.layer().className();
        Set<String> keys = initialParameters(input).keySet();
        for (int step = 1; step <= input.intAttribute("steps"); step++) {
            String suffix = "_step" + step;
            Map<String, Tensor> grads = new LinkedHashMap<>();
            keys.forEach(key -> grads.put("d" + key, input.tensor("d" + key + suffix)));
            Map<String, Tensor> next = nonNull(optimizer.updateParams(grads), name + ".updateParams");
            for (String key : keys) {
                produced.put(key + suffix, taken(next.get(key), name + ".updateParams()[\"" + key + "\"]"));
            }
            Map<String, Map<String, Tensor>> state = nonNull(optimizer.state(), name + ".state");
            for (String key : keys) {
                Map<String, Tensor> perParameter = state.get(key);
                if (perParameter != null) {
                    perParameter.forEach((stateName, value) ->
                            produced.put(key + "_" + stateName + suffix, taken(value, name + ".state()")));
                }
            }
        }
    }

    /** An optimizer case's parameters before the first step: W1, b1, ... */
    private static Map<String, Tensor> initialParameters(LayerInput input) {
        Map<String, Tensor> params = new LinkedHashMap<>();
        input.tensors().keySet().stream().filter(name -> name.matches("[Wb]\\d+")).sorted(LayerExercise::byLayerThenKind)
                .forEach(name -> params.put(name, input.tensor(name)));
        return params;
    }

    /** W1, b1, W2, b2: the order a model's getParams() gives. */
    private static int byLayerThenKind(String a, String b) {
        int layer = Integer.compare(Integer.parseInt(a.substring(1)), Integer.parseInt(b.substring(1)));
        return layer != 0 ? layer : Character.compare(a.charAt(0), b.charAt(0));
    }

    /** A tensor student code returned, checked for null and size, copied: see {@link Produced}. */
    private static Tensor taken(Tensor value, String what) {
        return Produced.copy(nonNull(value, what), what);
    }

    private static <T> T nonNull(T value, String what) {
        if (value == null) {
            throw StudentCodeException.contract("contract.returned-null", what);
        }
        return value;
    }
}
