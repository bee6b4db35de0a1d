package io.cnnhomework.grader.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnhomework.grader.Fixtures;
import io.cnnhomework.grader.exercise.Digits;
import io.cnnhomework.tensor.Tensor;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The exporter's derived tolerances and float64 measurements, as the shipped sets carry them. */
class ReferenceTolerancesTest {

    private static final double FLOOR = 1e-5;
    private static final Path HIDDEN = Path.of("src/test/resources/hidden-reference");

    private final ReferenceSet shipped = ReferenceSet.load(Fixtures.referenceDir());

    @Test
    void everyExpectedTensorHasAToleranceAtLeastTheFloor() {
        for (LayerCase layerCase : shipped.layerCases()) {
            assertEquals(layerCase.expected().keySet(), layerCase.tolerances().keySet(), layerCase.name());
            layerCase.tolerances().forEach((tensor, tolerance) -> {
                assertTrue(tolerance.atol() >= FLOOR, layerCase.name() + "/" + tensor + ": " + tolerance);
                assertEquals(FLOOR, tolerance.rtol(), layerCase.name() + "/" + tensor);
            });
            assertTrue(layerCase.float64().isEmpty(), "only the seed fixtures carry float64 results");
        }
    }

    @Test
    void onlyBatchNormOnASmallVarianceNeedsMoreThanTheFloor() {
        for (LayerCase layerCase : shipped.layerCases()) {
            layerCase.tolerances().forEach((tensor, tolerance) -> {
                boolean looser = tolerance.atol() > FLOOR;
                boolean expected = layerCase.name().equals("batchnorm_small_variance")
                        && !tensor.startsWith("running") && !tensor.equals("grad_bias");
                assertEquals(expected, looser, layerCase.name() + "/" + tensor + ": " + tolerance);
            });
        }
        TensorTolerance gradInput = byName("batchnorm_small_variance").tolerance("grad_input");
        // Ten times PyTorch's own float32 rounding there, which 1/σ ≈ 170 magnifies.
        assertTrue(gradInput.atol() >= 10 * gradInput.spread(), gradInput.toString());
        assertTrue(gradInput.atol() < 0.01, "still far below the 0.5 of the smallest mistakes: " + gradInput);
    }

    @Test
    void theShippedSetIsPublicAndTheHiddenOnePrivate() {
        assertEquals(Visibility.PUBLIC, shipped.visibility());
        assertEquals(Visibility.PRIVATE, ReferenceSet.load(HIDDEN).visibility());
        assertEquals(7, ReferenceSet.load(HIDDEN).manifest().seed());
    }

    @Test
    void float64TrainingOfEveryTaskPassesTheNotebooksRuleByOrdersOfMagnitude() {
        for (ReferenceTask task : shipped.tasks()) {
            Float64Training float64 = task.float64();
            assertNotNull(float64, task.id());
            assertTrue(float64.trainSummedError() < 1e-4, task.id() + ": " + float64.trainSummedError());
            assertNull(float64.trainLoss(), "a complete set records the measurement, not the float64 curves");
            if (task.usesDigits()) {
                assertTrue(float64.valSummedError() < 1e-4, task.id() + " validation: " + float64.valSummedError());
            } else {
                assertTrue(Double.isNaN(float64.valSummedError()), task.id());
            }
        }
    }

    @Test
    void theStandardisationReproducesTask3sPreparedRowsBitForBit() {
        ReferenceTask task3 = shipped.task("task3");
        Digits digits = shipped.digits();
        int rows = task3.trainX().size(0);

        Tensor train = shipped.standardisation().images(digits, Arrays.copyOf(digits.trainIndex(), rows));
        Tensor val = shipped.standardisation().images(digits, Arrays.copyOf(digits.valIndex(), task3.valX().size(0)));

        assertArrayEquals(task3.trainX().toArray(), train.toArray());
        assertArrayEquals(task3.valX().toArray(), val.toArray());
        assertNull(shipped.task("task1").preparedTolerance());
    }

    @Test
    void preparedDigitsToleranceAcceptsCorrectPreparationsAndRejectsAFloatAccumulator() {
        ReferenceTask task3 = shipped.task("task3");
        TensorTolerance tolerance = task3.preparedTolerance();
        Digits digits = shipped.digits();
        int[] rows = Arrays.copyOf(digits.trainIndex(), task3.trainX().size(0));
        Standardisation exact = shipped.standardisation();

        double[] doubleSums = statistics(digits, false);
        double[] floatSums = statistics(digits, true);
        double stdError = Math.abs(floatSums[1] - exact.stdFloat64()) / exact.stdFloat64();

        assertEquals(exact.meanFloat64(), doubleSums[0], 1e-12);
        assertEquals(exact.stdFloat64(), doubleSums[1], 1e-12);
        assertTrue(stdError > 1e-5, "a float accumulator moves std by " + stdError);
        double correct = worstRatio(prepare(digits, rows, doubleSums), task3.trainX(), tolerance);
        double floatAccumulator = worstRatio(prepare(digits, rows, floatSums), task3.trainX(), tolerance);
        System.out.printf("prepared digits: float64 statistics use %.3f of the tolerance, a float accumulator %.1f times it "
                + "(std %.2e relative off)%n", correct, floatAccumulator, stdError);
        assertTrue(correct < 0.1, "float64 preparation: " + correct);
        assertTrue(floatAccumulator > 1, "float accumulator: " + floatAccumulator);
    }

    @Test
    void caseToleranceAgreesWithTheManifestsOverview() {
        Map<String, Map<String, TensorTolerance>> overview = shipped.manifest().tolerances().layers();
        for (LayerCase layerCase : shipped.layerCases()) {
            assertEquals(overview.get(layerCase.name()), layerCase.tolerances(), layerCase.name());
        }
        assertEquals(10.0, shipped.manifest().tolerances().safetyFactor());
        assertEquals(FLOOR, shipped.manifest().tolerances().floorAtol());
    }

    /** max over elements of |a − r| / (atol + rtol·|r|): below 1 passes the grader's rule. */
    static double worstRatio(Tensor actual, Tensor reference, TensorTolerance tolerance) {
        float[] a = actual.toArray();
        float[] r = reference.toArray();
        double worst = 0;
        for (int i = 0; i < r.length; i++) {
            double ratio = Math.abs((double) a[i] - r[i]) / (tolerance.atol() + tolerance.rtol() * Math.abs(r[i]));
            worst = Double.isNaN(ratio) ? Double.POSITIVE_INFINITY : Math.max(worst, ratio);
        }
        return worst;
    }

    private LayerCase byName(String name) {
        return shipped.layerCases().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    /**
     * The training pixels' mean and unbiased std as a student might compute them: every sum in a
     * double, or (the mistake) the squared deviations summed in a float.
     */
    private static double[] statistics(Digits digits, boolean floatAccumulator) {
        float[] pixels = digits.pixels().toArray();
        int width = digits.pixels().size(1);
        double sum = 0;
        for (int row : digits.trainIndex()) {
            for (int j = 0; j < width; j++) {
                sum += pixels[row * width + j];
            }
        }
        long count = (long) digits.trainIndex().length * width;
        double mean = sum / count;
        double squares = 0;
        float squaresFloat = 0;
        for (int row : digits.trainIndex()) {
            for (int j = 0; j < width; j++) {
                double deviation = pixels[row * width + j] - mean;
                squares += deviation * deviation;
                squaresFloat += (float) (deviation * deviation);
            }
        }
        return new double[] {mean, Math.sqrt((floatAccumulator ? squaresFloat : squares) / (count - 1))};
    }

    private static Tensor prepare(Digits digits, int[] rows, double[] statistics) {
        float[] pixels = digits.pixels().toArray();
        int width = digits.pixels().size(1);
        float[] out = new float[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < width; j++) {
                out[i * width + j] = (float) ((pixels[rows[i] * width + j] - statistics[0]) / statistics[1]);
            }
        }
        return Tensor.of(out, rows.length, 1, 8, 8);
    }
}
