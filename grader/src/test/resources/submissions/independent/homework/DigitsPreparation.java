package homework;

import io.cnnhomework.nn.DataPreparation;
import io.cnnhomework.nn.DigitsSplit;
import io.cnnhomework.tensor.Tensor;

// Picks the rows of each split and standardises both by the training pixels' mean and unbiased std.
public class DigitsPreparation implements DataPreparation {

    @Override
    public DigitsSplit prepare(Tensor pixels, int[] targets, int[] trainIndex, int[] valIndex) {
        int width = pixels.size(1);
        float[] all = pixels.toArray();
        double sum = 0;
        for (int row : trainIndex) {
            for (int c = 0; c < width; c++) {
                sum += all[row * width + c];
            }
        }
        int n = trainIndex.length * width;
        double mean = sum / n;
        double squares = 0;
        for (int row : trainIndex) {
            for (int c = 0; c < width; c++) {
                double d = all[row * width + c] - mean;
                squares += d * d;
            }
        }
        double std = Math.sqrt(squares / (n - 1));
        return new DigitsSplit(images(all, width, trainIndex, mean, std), pick(targets, trainIndex),
                images(all, width, valIndex, mean, std), pick(targets, valIndex));
    }

    private static Tensor images(float[] all, int width, int[] rows, double mean, double std) {
        float[] out = new float[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            for (int c = 0; c < width; c++) {
                out[i * width + c] = (float) ((all[rows[i] * width + c] - mean) / std);
            }
        }
        return Tensor.of(out, rows.length, 1, 8, 8);
    }

    private static int[] pick(int[] values, int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = values[rows[i]];
        }
        return out;
    }
}
