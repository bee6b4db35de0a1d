package io.cnnhomework.grader.exercise;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The homework classes a per-layer case exercises. Each kind carries the class a submission
 * implements (and the exporter names in {@code case.json}), the JUnit tag of its tests, whether
 * only the optional task asks for it, and the tensors a case of it produces under the exporter's
 * names (an optimizer's depend on its steps: {@code W1_step1}, {@code W1_exp_avg_step1}, ...).
 */
public enum LayerKind {

    /** Convolution with stride, padding and bias. */
    CONV("Conv", "conv", false, List.of("output", "grad_input", "grad_weight", "grad_bias")),
    /** Fully connected layer. */
    FC("Fc", "fc", false, List.of("output", "grad_input", "grad_weight", "grad_bias")),
    /** ReLU. */
    RELU("ReLU", "relu", false, List.of("output", "grad_input")),
    /** Softmax over the classes, forward only. */
    SOFTMAX("Softmax", "softmax", false, List.of("output")),
    /** Mean cross-entropy of softmax and its deltaL. */
    CROSS_ENTROPY("CrossEntropyLoss", "cross-entropy", false, List.of("output", "grad_input")),
    /** Batch normalisation over the channels, in train or eval mode. */
    BATCH_NORM("BatchNorm2d", "batchnorm", false,
            List.of("output", "grad_input", "grad_weight", "grad_bias", "running_mean", "running_var")),
    /** Average pooling. */
    AVG_POOL("AvgPool", "avgpool", false, List.of("output", "grad_input")),
    /** The seed's SGD step; with momentum's hyperparameters a case of the optional task. */
    SGD("SGD", "sgd", false, List.of()),
    /** Max pooling (optional task). */
    MAX_POOL("MaxPool2d", "maxpool", true, List.of("output", "grad_input")),
    /** Adam with L2 weight decay (optional task). */
    ADAM("Adam", "optimizers", true, List.of()),
    /** AdamW, decoupled weight decay (optional task). */
    ADAMW("AdamW", "optimizers", true, List.of());

    private final String className;
    private final String tag;
    private final boolean optionalOnly;
    private final List<String> produces;

    LayerKind(String className, String tag, boolean optionalOnly, List<String> produces) {
        this.className = className;
        this.tag = tag;
        this.optionalOnly = optionalOnly;
        this.produces = produces;
    }

    /** @return the simple name of the homework class, e.g. {@code CrossEntropyLoss} */
    public String className() {
        return className;
    }

    /** @return the JUnit tag of its tests, e.g. {@code cross-entropy} */
    public String tag() {
        return tag;
    }

    /** @return whether only the optional task asks for this class */
    public boolean optionalOnly() {
        return optionalOnly;
    }

    /** @return whether it is an optimizer: its cases run several steps and produce per-step tensors */
    public boolean optimizer() {
        return this == SGD || this == ADAM || this == ADAMW;
    }

    /** @return the tensors a case of it produces; empty for optimizers, whose names depend on the steps */
    public List<String> produces() {
        return produces;
    }

    /**
     * @param className a homework class's simple name, as {@code case.json} names it
     * @return its kind, if it has one
     */
    public static Optional<LayerKind> byClassName(String className) {
        return Arrays.stream(values()).filter(kind -> kind.className.equals(className)).findFirst();
    }

    @Override
    public String toString() {
        return className;
    }
}
