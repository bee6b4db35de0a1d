package homework;

import io.cnnhomework.nn.DataPreparation;
import io.cnnhomework.nn.DigitsSplit;
import io.cnnhomework.tensor.Tensor;

/** Known-good digits preparation: select, reshape, normalise by the training mean and unbiased std. */
public class DigitsPreparation implements DataPreparation {

    @Override
    public DigitsSplit prepare(Tensor pixels, int[] targets, int[] trainIndex, int[] valIndex) {
        Tensor train = rows(pixels, trainIndex);
        Tensor mean = train.mean();
        Tensor std = train.std(true);
        Tensor val = rows(pixels, valIndex);
        return new DigitsSplit(train.sub(mean).div(std), labels(targets, trainIndex), val.sub(mean).div(std), labels(targets, valIndex));
    }

    private static Tensor rows(Tensor pixels, int[] index) {
        Tensor images = Tensor.zeros(index.length, pixels.size(1));
        for (int i = 0; i < index.length; i++) {
            images.select(0, i).copyFrom(pixels.select(0, index[i]));
        }
        return images.reshape(index.length, 1, 8, 8);
    }

    private static int[] labels(int[] targets, int[] index) {
        int[] labels = new int[index.length];
        for (int i = 0; i < index.length; i++) {
            labels[i] = targets[index[i]];
        }
        return labels;
    }
}
