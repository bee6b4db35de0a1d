package homework;

import io.cnnhomework.nn.DataPreparation;
import io.cnnhomework.nn.DigitsSplit;
import io.cnnhomework.tensor.Tensor;

/**
 * Task 3's data in float. The training pixels' mean and unbiased std are sums of 91,968 values:
 * summed pairwise, so that float rounding stays near one ulp instead of growing with the count.
 */
public class DigitsPreparation implements DataPreparation {

    @Override
    public DigitsSplit prepare(Tensor pixels, int[] targets, int[] trainIndex, int[] valIndex) {
        float[] train = rows(pixels, trainIndex);
        float mean = pairwiseSum(train, 0, train.length) / train.length;
        float[] squares = new float[train.length];
        for (int i = 0; i < train.length; i++) {
            float d = train[i] - mean;
            squares[i] = d * d;
        }
        float std = (float) Math.sqrt(pairwiseSum(squares, 0, squares.length) / (train.length - 1));
        return new DigitsSplit(standardised(train, mean, std, trainIndex.length), labels(targets, trainIndex),
                standardised(rows(pixels, valIndex), mean, std, valIndex.length), labels(targets, valIndex));
    }

    private static float pairwiseSum(float[] values, int from, int to) {
        if (to - from <= 8) {
            float sum = 0f;
            for (int i = from; i < to; i++) {
                sum += values[i];
            }
            return sum;
        }
        int middle = (from + to) >>> 1;
        return pairwiseSum(values, from, middle) + pairwiseSum(values, middle, to);
    }

    private static float[] rows(Tensor pixels, int[] index) {
        float[] all = pixels.toArray();
        int width = pixels.size(1);
        float[] out = new float[index.length * width];
        for (int i = 0; i < index.length; i++) {
            System.arraycopy(all, index[i] * width, out, i * width, width);
        }
        return out;
    }

    private static Tensor standardised(float[] values, float mean, float std, int count) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (values[i] - mean) / std;
        }
        return Tensor.of(out, count, 1, 8, 8);
    }

    private static int[] labels(int[] targets, int[] index) {
        int[] labels = new int[index.length];
        for (int i = 0; i < index.length; i++) {
            labels[i] = targets[index[i]];
        }
        return labels;
    }
}
