package io.cnnhomework.nn;

import java.util.Arrays;

/**
 * Task 3's loss history, the notebook's {@code loss_history} data frame: one training and one
 * validation loss per epoch. A {@link TrainingLoop} fills it as the notebook's
 * {@code loss_history.loc[e, 'loss_train_custom'] = ...} does.
 *
 * <pre>{@code
 * LossHistory history = new LossHistory(10);
 * history.recordTrain(0, 2.3507);   // loss_history.loc[0, 'loss_train_custom'] = 2.3507
 * history.recordVal(0, 2.0314);     // loss_history.loc[0, 'loss_val_custom'] = 2.0314
 * history.trainLoss();              // [2.3507, NaN, NaN, ...]
 * }</pre>
 *
 * <p>История потерь задания 3: по одной потере на обучении и на валидации за эпоху.
 */
public final class LossHistory {

    private final double[] train;
    private final double[] val;

    /**
     * An empty history: every value is NaN until recorded.
     *
     * @param epochs how many epochs it holds, at least 1
     * @throws IllegalArgumentException if {@code epochs} is less than 1
     */
    public LossHistory(int epochs) {
        if (epochs < 1) {
            throw new IllegalArgumentException("a loss history needs at least one epoch, not " + epochs);
        }
        train = new double[epochs];
        val = new double[epochs];
        Arrays.fill(train, Double.NaN);
        Arrays.fill(val, Double.NaN);
    }

    /** @return how many epochs the history holds */
    public int epochs() {
        return train.length;
    }

    /**
     * Records the training loss of an epoch; a second call for the same epoch replaces the first.
     *
     * @param epoch the epoch, from 0
     * @param loss the mean loss on the training images, e.g. {@code result.loss().item()}
     * @throws IllegalArgumentException if the epoch is outside {@code 0 .. epochs() − 1}
     */
    public void recordTrain(int epoch, double loss) {
        train[check(epoch)] = loss;
    }

    /**
     * Records the validation loss of an epoch; a second call for the same epoch replaces the first.
     *
     * @param epoch the epoch, from 0
     * @param loss the mean loss on the validation images, measured in eval mode
     * @throws IllegalArgumentException if the epoch is outside {@code 0 .. epochs() − 1}
     */
    public void recordVal(int epoch, double loss) {
        val[check(epoch)] = loss;
    }

    /** @return a copy of the training losses by epoch; NaN where none was recorded */
    public double[] trainLoss() {
        return train.clone();
    }

    /** @return a copy of the validation losses by epoch; NaN where none was recorded */
    public double[] valLoss() {
        return val.clone();
    }

    private int check(int epoch) {
        if (epoch < 0 || epoch >= train.length) {
            throw new IllegalArgumentException("epoch " + epoch + " is outside the loss history's 0.." + (train.length - 1));
        }
        return epoch;
    }
}
