package io.cnnhomework.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The build runs the tensor's tests as the grader runs training: with the JDK's unzeroed arrays
 * exported to the tensor, and (here only) every fresh array poisoned with NaN, so that every test
 * that compares a result also checks that its kernel wrote all of it.
 */
class FreshArraysTest {

    @Test
    void theBuildExportsTheUnzeroedAllocationAndPoisonsItsArrays() {
        assertTrue(FreshArrays.unzeroed(), "the test JVM lacks --add-exports java.base/jdk.internal.misc=ALL-UNNAMED");
        assertTrue(Boolean.getBoolean(FreshArrays.POISON_PROPERTY), "the tensor's tests run with poisoned fresh arrays");
        float[] fresh = FreshArrays.floats(5);
        assertEquals(5, fresh.length);
        for (float value : fresh) {
            assertTrue(Float.isNaN(value));
        }
    }

    @Test
    void theResultsOfTheOpsThatUseThemAreWrittenInFull() {
        Tensor a = Tensor.arange(24).reshape(2, 3, 4);
        Tensor b = Tensor.arange(4).add(1f);
        assertFinite(a.add(b).permute(2, 0, 1).contiguous());
        assertFinite(a.mul(b).clamp(1f, 5f));
        assertFinite(a.matmul(a.transpose(1, 2)));
        Tensor empty = Tensor.zeros(3, 0).matmul(Tensor.zeros(0, 5));
        assertEquals(Tensor.zeros(3, 5), empty, "an empty inner dimension gives zeros");
    }

    private static void assertFinite(Tensor t) {
        for (float value : t.toArray()) {
            assertTrue(Float.isFinite(value), t.toString());
        }
    }
}
