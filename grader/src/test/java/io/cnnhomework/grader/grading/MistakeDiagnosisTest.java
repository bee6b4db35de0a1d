package io.cnnhomework.grader.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.cnnhomework.grader.Fixtures;
import io.cnnhomework.grader.exercise.LayerOutput;
import io.cnnhomework.grader.reference.LayerCase;
import io.cnnhomework.grader.reference.ReferenceSet;
import io.cnnhomework.tensor.Tensor;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hints the known-bad fixtures cannot pin alone: other forms of the same mistake, and the
 * lookalikes a hint must not claim.
 */
class MistakeDiagnosisTest {

    private static final int[] BATCH_AND_SPACE = {0, 2, 3};

    private static LayerCase smallVariance;

    @BeforeAll
    static void load() {
        smallVariance = ReferenceSet.load(Fixtures.referenceDir()).layerCases().stream()
                .filter(c -> c.name().equals("batchnorm_small_variance")).findFirst().orElseThrow();
    }

    /** BatchNorm2d's training output with the given batch variance and eps, γ and β of the case. */
    private static LayerCheck checkWithVariance(Tensor var, float eps) {
        Tensor x = smallVariance.inputs().get("input");
        int c = x.size(1);
        Tensor output = x.sub(x.mean(BATCH_AND_SPACE, true)).div(var.add(eps).sqrt())
                .mul(smallVariance.inputs().get("weight").reshape(1, c, 1, 1)).add(smallVariance.inputs().get("bias").reshape(1, c, 1, 1));
        Map<String, Tensor> produced = new HashMap<>(smallVariance.expected());
        produced.put("output", output);
        return LayerParity.check(smallVariance, new LayerOutput(produced, null));
    }

    @Test
    void onePassVarianceWithTheTensorsOwnDoubleSumsIsRecognisedToo() {
        Tensor x = smallVariance.inputs().get("input");
        Tensor onePass = x.square().mean(BATCH_AND_SPACE, true).sub(x.mean(BATCH_AND_SPACE, true).square());

        LayerCheck check = checkWithVariance(onePass, 1e-5f);

        assertFalse(check.passed());
        assertEquals("bn-one-pass-variance", check.hint().id(), check.message().toString());
    }

    @Test
    void anotherEpsIsNoCancellation() {
        LayerCheck check = checkWithVariance(smallVariance.inputs().get("input").var(BATCH_AND_SPACE, false, true), 1e-4f);

        assertFalse(check.passed());
        assertNotEquals("bn-one-pass-variance", check.hint() == null ? null : check.hint().id());
    }
}
