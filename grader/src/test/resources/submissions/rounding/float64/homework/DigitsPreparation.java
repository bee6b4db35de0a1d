package homework;

import io.cnnhomework.nn.DataPreparation;
import io.cnnhomework.nn.DigitsSplit;
import io.cnnhomework.tensor.Tensor;

/** Task 3's data, standardised with the training pixels' mean and unbiased std computed in double. */
public class DigitsPreparation implements DataPreparation {

    @Override
    public DigitsSplit prepare(Tensor pixels, int[] targets, int[] trainIndex, int[] valIndex) {
        double[] all = Array64.of(pixels).data();
        int width = pixels.size(1);
        double sum = 0;
        for (int row : trainIndex) {
            for (int j = 0; j < width; j++) {
                sum += all[row * width + j];
            }
        }
        long n = (long) trainIndex.length * width;
        double mean = sum / n;
        double squares = 0;
        for (int row : trainIndex) {
            for (int j = 0; j < width; j++) {
                double d = all[row * width + j] - mean;
                squares += d * d;
            }
        }
        double std = Math.sqrt(squares / (n - 1));
        return new DigitsSplit(images(all, width, trainIndex, mean, std), labels(targets, trainIndex),
                images(all, width, valIndex, mean, std), labels(targets, valIndex));
    }

    private static Tensor images(double[] all, int width, int[] rows, double mean, double std) {
        double[] out = new double[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < width; j++) {
                out[i * width + j] = (all[rows[i] * width + j] - mean) / std;
            }
        }
        return new Array64(out, new int[] {rows.length, 1, 8, 8}).tensor();
    }

    private static int[] labels(int[] targets, int[] rows) {
        int[] labels = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            labels[i] = targets[rows[i]];
        }
        return labels;
    }
}
