package io.cnnhomework.grader.grading;

import io.cnnhomework.grader.exercise.Digits;
import io.cnnhomework.grader.exercise.TaskOutput;
import io.cnnhomework.grader.messages.Text;
import io.cnnhomework.grader.reference.ReferenceSet;
import io.cnnhomework.grader.reference.ReferenceTask;
import io.cnnhomework.grader.reference.Standardisation;
import io.cnnhomework.tensor.Tensor;
import java.util.Locale;
import java.util.Optional;

/**
 * Task 3's prepared data, checked on its own: the submission's prepared training and validation
 * images, whole splits, against PyTorch's under the tolerance the exporter derived for them. Data
 * outside it fail the task whatever the loss curves say, since the curves' verdict on such data
 * changes with the seed (a std 1.6e-4 relative off fails the validation curve on 8 of 10 seeds).
 *
 * <p>When the images are still {@code (x − μ') / σ'} of the raw pixels with μ' and σ' within
 * {@value #ROUNDING_SIZED} of PyTorch's statistics, the difference is rounding, and its usual cause
 * a float accumulator over the 91,968 training pixels: the message says so and the hint names it.
 */
final class PreparedDigits {

    /** Statistics off by at most this (std relative, mean relative to the std) count as rounding. */
    static final double ROUNDING_SIZED = 1e-3;

    private final Digits digits;
    private final Standardisation standardisation;
    private Tensor trainX;
    private Tensor valX;

    /** @param reference the set whose digits and standardisation PyTorch's images come from */
    PreparedDigits(ReferenceSet reference) {
        this.digits = reference.digits();
        this.standardisation = reference.standardisation();
    }

    /**
     * @param task the task that trains on the prepared digits
     * @param output what the submission computed, with its prepared images
     * @param grade the loss curves' verdict
     * @return the task's verdict when the prepared images differ: failed for that reason, with the
     *     curves' summed errors (their advice presumes PyTorch's data); empty when they agree
     */
    Optional<TaskGrade> differs(ReferenceTask task, TaskOutput output, TaskGrade grade) {
        if (output.preparedTrainX() == null) {
            return Optional.empty();
        }
        if (trainX == null) {
            trainX = standardisation.images(digits, digits.trainIndex());
            valX = standardisation.images(digits, digits.valIndex());
        }
        Tolerance tolerance = task.preparedTolerance() == null ? Tolerance.LAYER : Tolerance.of(task.preparedTolerance());
        TensorComparison train = TensorComparison.compare("trainX", trainX, output.preparedTrainX(), tolerance);
        TensorComparison val = output.preparedValX() == null ? null
                : TensorComparison.compare("valX", valX, output.preparedValX(), tolerance);
        if (train.passed() && (val == null || val.passed())) {
            return Optional.empty();
        }
        boolean training = !train.passed();
        TensorComparison differing = training ? train : val;
        Tensor actual = training ? output.preparedTrainX() : output.preparedValX();
        Text split = Text.of(training ? "task.prepared.train" : "task.prepared.val");
        double[] implied = differing.shapeMismatch() ? null
                : impliedStatistics(digits, training ? digits.trainIndex() : digits.valIndex(), actual, tolerance);
        if (implied != null) {
            double stdOff = implied[1] / standardisation.stdFloat64() - 1;
            double meanOff = (implied[0] - standardisation.meanFloat64()) / standardisation.stdFloat64();
            if (Math.abs(stdOff) <= ROUNDING_SIZED && Math.abs(meanOff) <= ROUNDING_SIZED) {
                return Optional.of(grade.failedBecause(Text.of("task.with-note", Text.of("task.prepared-rounding", split,
                        differing.describe(), number(implied[0]), number(implied[1]), number(standardisation.meanFloat64()),
                        number(standardisation.stdFloat64()), scientific(stdOff), scientific(meanOff)), curves(grade)),
                        Hint.of("prepared-float-accumulator", digits.trainIndex().length * digits.pixels().size(1))));
            }
        }
        return Optional.of(grade.failedBecause(Text.of("task.with-note", Text.of("task.prepared-differs", split, differing.describe()),
                curves(grade)), null));
    }

    /** What the loss curves measured on the submission's data; a failure of its code as it was. */
    private static Text curves(TaskGrade grade) {
        if (grade.failureKind() != null || !Double.isFinite(grade.summedError())) {
            return grade.message();
        }
        return Text.of("task.prepared-curves", LossCurveCheck.scientific(grade.summedError()),
                Double.isFinite(grade.valSummedError()) ? LossCurveCheck.scientific(grade.valSummedError()) : "-",
                LossCurveCheck.scientific(LossCurveCheck.PASS_THRESHOLD));
    }

    /**
     * The mean μ' and std σ' for which the prepared images are {@code (x − μ') / σ'} of the raw
     * pixels (least squares), when that explains every element within the tolerance.
     *
     * @return {@code {μ', σ'}}, or {@code null} when the images are not such a standardisation
     */
    static double[] impliedStatistics(Digits digits, int[] rows, Tensor prepared, Tolerance tolerance) {
        float[] pixels = digits.pixels().toArray();
        float[] values = prepared.toArray();
        int width = digits.pixels().size(1);
        if (values.length != rows.length * width) {
            return null;
        }
        double n = values.length;
        double meanX = 0;
        double meanY = 0;
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < width; j++) {
                meanX += pixels[rows[i] * width + j] / n;
                meanY += values[i * width + j] / n;
            }
        }
        double products = 0;
        double squares = 0;
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < width; j++) {
                double x = pixels[rows[i] * width + j] - meanX;
                products += x * (values[i * width + j] - meanY);
                squares += x * x;
            }
        }
        double slope = products / squares;
        if (!(slope > 0) || !Double.isFinite(slope)) {
            return null;
        }
        double std = 1 / slope;
        double mean = meanX - meanY * std;
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < width; j++) {
                if (!tolerance.accepts(values[i * width + j], (pixels[rows[i] * width + j] - mean) / std)) {
                    return null;
                }
            }
        }
        return new double[] {mean, std};
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.7g", value);
    }

    private static String scientific(double value) {
        return String.format(Locale.ROOT, "%.1e", value);
    }
}
