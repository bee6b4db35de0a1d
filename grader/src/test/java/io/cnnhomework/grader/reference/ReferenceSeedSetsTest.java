package io.cnnhomework.grader.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnhomework.grader.Fixtures;
import io.cnnhomework.tensor.Tensor;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReferenceSeedSetsTest {

    /** The notebook's rule for a task: Σ over epochs |loss − loss_pt| below this. */
    private static final double TASK_BAR = 1e-3;

    @Test
    void everySeedLoadsAsAPrivateCompactSetWithTheSharedDigits() {
        Tensor pixels = SeedSets.load(1).digits().pixels();
        for (int seed : SeedSets.SEEDS) {
            ReferenceSet set = SeedSets.load(seed);

            assertEquals(seed, set.manifest().seed());
            assertTrue(set.manifest().compact(), "seed " + seed);
            assertEquals(Visibility.PRIVATE, set.visibility(), "seed " + seed);
            assertEquals("../digits", set.manifest().digitsDir());
            assertArrayEquals(pixels.toArray(), set.digits().pixels().toArray(), "seed " + seed);
            assertEquals(22, set.layerCases().size(), "seed " + seed);
            set.tasks().forEach(task -> assertTrue(task.trace().isEmpty(), "compact sets carry no traces"));
        }
    }

    @Test
    void seedsDrawTheirOwnWeightsAndCases() {
        ReferenceSet one = SeedSets.load(1);
        ReferenceSet two = SeedSets.load(2);

        assertFalse(Arrays.equals(one.task("task1").initialParams().get("conv1.weight").toArray(),
                two.task("task1").initialParams().get("conv1.weight").toArray()));
        assertFalse(Arrays.equals(one.layerCases().get(0).inputs().get("input").toArray(),
                two.layerCases().get(0).inputs().get("input").toArray()));
    }

    @Test
    void seedOneIsTheShippedSetsSeed() {
        ReferenceSet shipped = ReferenceSet.load(Fixtures.referenceDir());
        ReferenceSet seedOne = SeedSets.load(1);

        assertArrayEquals(shipped.task("task3").trainLoss(), seedOne.task("task3").trainLoss());
        LayerCase shippedCase = shipped.layerCases().get(9);
        LayerCase seedCase = seedOne.layerCases().get(9);
        assertEquals(shippedCase.tolerances(), seedCase.tolerances());
        assertArrayEquals(shippedCase.expected().get("grad_input").toArray(), seedCase.expected().get("grad_input").toArray());
    }

    @Test
    void pytorchsFloat64ResultsPassEveryLayerCheckOnEverySeedWithATenfoldMargin() {
        double worst = 0;
        String where = "";
        for (ReferenceSet set : SeedSets.all()) {
            for (LayerCase layerCase : set.layerCases()) {
                assertEquals(layerCase.expected().keySet(), layerCase.float64().keySet(), layerCase.name());
                for (Map.Entry<String, Tensor> expected : layerCase.expected().entrySet()) {
                    double ratio = ReferenceTolerancesTest.worstRatio(layerCase.float64().get(expected.getKey()), expected.getValue(),
                            layerCase.tolerance(expected.getKey()));
                    if (ratio > worst) {
                        worst = ratio;
                        where = "seed " + set.manifest().seed() + ", " + layerCase.name() + "/" + expected.getKey();
                    }
                }
            }
        }
        System.out.printf("float64 results use at most %.3f of their tolerance (%s)%n", worst, where);
        // 1/10 by the derivation, plus the float32 rounding of the stored float64 values.
        assertTrue(worst <= 0.11, worst + " at " + where);
    }

    @Test
    void pytorchsFloat64TrainingPassesTheNotebooksRuleOnEverySeed() {
        for (ReferenceSet set : SeedSets.all()) {
            for (ReferenceTask task : set.tasks()) {
                String label = "seed " + set.manifest().seed() + " " + task.id();
                Float64Training float64 = task.float64();
                assertNotNull(float64.trainLoss(), label);
                double train = summedError(task.trainLoss(), float64.trainLoss());
                assertTrue(train < TASK_BAR, label + ": " + train);
                assertEquals(float64.trainSummedError(), train, train * 5e-3 + 1e-12, label + " as the manifest records it");
                if (task.usesDigits()) {
                    double val = summedError(task.valLoss(), float64.valLoss());
                    assertTrue(val < TASK_BAR, label + " validation: " + val);
                    assertEquals(float64.valSummedError(), val, val * 5e-3 + 1e-12, label + " validation");
                }
            }
        }
    }

    private static double summedError(double[] expected, double[] actual) {
        double sum = 0;
        for (int i = 0; i < expected.length; i++) {
            sum += Math.abs(actual[i] - expected[i]);
        }
        return sum;
    }
}
