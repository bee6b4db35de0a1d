package io.cnnhomework.grader.exercise;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Which training loop trains a task's model: the notebook's loop as the grader writes it, the
 * student's own (task 3's {@code homework.DigitsTraining}), or the grader's loop with one of the
 * usual loop mistakes. The mistakes run on the student's own layers, so that the curves a mistake
 * produces can be compared with the student's curves whatever their layers' rounding: a loop
 * mistake is recognised by its curves, not by its code.
 */
public enum Loop {

    /** The notebook's loop: training step, then the validation loss in eval mode, then train mode again. */
    NOTEBOOK("notebook"),
    /** The submission's {@code homework.DigitsTraining}. */
    STUDENT("student"),
    /** Validates without {@code model.eval()}: BatchNorm2d normalises with the validation batch's statistics. */
    VALIDATES_IN_TRAIN_MODE("validates-in-train-mode"),
    /** Measures the validation loss between backward and the SGD step, with the parameters before the step. */
    VALIDATES_BEFORE_STEP("validates-before-step"),
    /** Never calls {@code model.train()} after validating: from epoch 1 on it trains in eval mode. */
    STAYS_IN_EVAL_MODE("stays-in-eval-mode"),
    /** Calls the optimizer but never hands its parameters to {@code model.setParams}. */
    STEP_NOT_APPLIED("step-not-applied"),
    /** Records the training batch's loss in the validation column. */
    RECORDS_TRAINING_LOSS_AS_VALIDATION("records-training-loss-as-validation"),
    /** Measures the "validation" loss, in eval mode after the step, on the training images. */
    VALIDATES_ON_TRAINING_IMAGES("validates-on-training-images");

    private final String id;

    Loop(String id) {
        this.id = id;
    }

    /** @return the identifier on the wire and in hints, e.g. {@code validates-before-step} */
    public String id() {
        return id;
    }

    /** @return whether this is one of the usual mistakes rather than a correct loop */
    public boolean mistake() {
        return this != NOTEBOOK && this != STUDENT;
    }

    /** @return the usual loop mistakes, in the order they are tried */
    public static List<Loop> mistakes() {
        return Arrays.stream(values()).filter(Loop::mistake).toList();
    }

    /**
     * @param id an identifier as {@link #id()} gives it
     * @return the loop, if there is one by that identifier
     */
    public static Optional<Loop> byId(String id) {
        return Arrays.stream(values()).filter(loop -> loop.id.equals(id)).findFirst();
    }

    /** @return whether the validation loss is measured after the SGD step (else between backward and the step) */
    boolean validatesAfterStep() {
        return this != VALIDATES_BEFORE_STEP;
    }

    /** @return whether the model is put in eval mode for the validation loss */
    boolean validatesInEvalMode() {
        return this != VALIDATES_IN_TRAIN_MODE;
    }

    /** @return whether the model goes back to training mode after the validation loss */
    boolean returnsToTrainMode() {
        return this != STAYS_IN_EVAL_MODE;
    }

    /** @return whether the optimizer's new parameters are handed to the model */
    boolean appliesStep() {
        return this != STEP_NOT_APPLIED;
    }

    /** @return whether the validation loss is measured on the validation images (else on the training images) */
    boolean validatesOnValidationImages() {
        return this != VALIDATES_ON_TRAINING_IMAGES;
    }

    @Override
    public String toString() {
        return id;
    }
}
