package io.cnnhomework.grader.exercise;

import java.util.List;

/**
 * One optimizer of the optional task's comparison, built from the submission's own classes:
 * {@code homework.SGD(params, lr, momentum, 0, weightDecay, false)},
 * {@code homework.Adam(params, lr, 0.9, 0.999, 1e-8, weightDecay)} or
 * {@code homework.AdamW(params, lr, 0.9, 0.999, 1e-8, weightDecay)}.
 *
 * @param name how the report names the run, e.g. {@code SGD+momentum, wd 5e-4}
 * @param type the homework class: {@link LayerKind#SGD}, {@link LayerKind#ADAM} or {@link LayerKind#ADAMW}
 * @param learningRate the step size
 * @param momentum SGD's momentum, 0 for none (ignored by Adam and AdamW)
 * @param weightDecay the L2 penalty (SGD, Adam) or the decoupled decay (AdamW), 0 for none
 */
public record OptimizerChoice(String name, LayerKind type, double learningRate, double momentum, double weightDecay) {

    /** Adam's and AdamW's moment decays and eps, torch.optim's defaults. */
    public static final double BETA1 = 0.9;
    /** See {@link #BETA1}. */
    public static final double BETA2 = 0.999;
    /** See {@link #BETA1}. */
    public static final double EPS = 1e-8;

    /**
     * The comparison the seed asks for: SGD, SGD with momentum and Adam, each without and with
     * weight decay (Adam's decoupled form, AdamW, besides its L2 form). Learning rates are the usual
     * starting points for a small network on standardised inputs.
     */
    public static final List<OptimizerChoice> COMPARISON = List.of(
            new OptimizerChoice("SGD", LayerKind.SGD, 0.1, 0, 0),
            new OptimizerChoice("SGD, wd 5e-4", LayerKind.SGD, 0.1, 0, 5e-4),
            new OptimizerChoice("SGD+momentum", LayerKind.SGD, 0.05, 0.9, 0),
            new OptimizerChoice("SGD+momentum, wd 5e-4", LayerKind.SGD, 0.05, 0.9, 5e-4),
            new OptimizerChoice("Adam", LayerKind.ADAM, 0.01, 0, 0),
            new OptimizerChoice("Adam, wd 1e-4", LayerKind.ADAM, 0.01, 0, 1e-4),
            new OptimizerChoice("AdamW, wd 1e-2", LayerKind.ADAMW, 0.01, 0, 1e-2));

    /** Checks the type. */
    public OptimizerChoice {
        if (!type.optimizer()) {
            throw new IllegalArgumentException("optimizer type " + type + " is none of SGD, Adam, AdamW");
        }
    }
}
