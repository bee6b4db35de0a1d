package io.cnnhomework.tensor;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;

/**
 * Arrays for results that a kernel writes in full before anything reads them: a copy, an
 * element-wise result, a matrix product. The JVM zeroes every array it hands out, and for an
 * array of a few hundred kilobytes that is a pass over memory no cache holds any more: in a
 * grading child JVM that zeroing was a sixth of a training step's time. Where the JVM runs with
 * {@code --add-exports java.base/jdk.internal.misc=ALL-UNNAMED} (the grader's own process and its
 * child JVMs do), these arrays come from the JDK's allocation without zeroing, which the JIT
 * compiles to the plain allocation less the zeroing; elsewhere (a student's tests) they are
 * ordinary arrays. The results are the same bits either way, provided every caller writes every
 * element: with {@code -Dcnnhomework.tensor.poison-fresh=true} (the tensor's own tests run so)
 * every array starts as NaN instead, so that an element a kernel leaves unwritten shows.
 */
final class FreshArrays {

    /** The system property that fills every fresh array with NaN, for tests. */
    static final String POISON_PROPERTY = "cnnhomework.tensor.poison-fresh";

    private static final boolean POISON = Boolean.getBoolean(POISON_PROPERTY);

    /** {@code Unsafe.allocateUninitializedArray} bound to the JDK's Unsafe, or {@code null} when not exported to us. */
    private static final MethodHandle UNINITIALISED = uninitialised();

    private FreshArrays() {
    }

    /** Whether arrays come unzeroed: the JDK's internal Unsafe is exported to this class's module. */
    static boolean unzeroed() {
        return UNINITIALISED != null;
    }

    /**
     * @param length the array's length
     * @return a float array of that length whose elements the caller must all write before any is read
     */
    static float[] floats(int length) {
        if (POISON) {
            float[] poisoned = new float[length];
            Arrays.fill(poisoned, Float.NaN);
            return poisoned;
        }
        if (UNINITIALISED == null || length < 0) {
            return new float[length];
        }
        try {
            return (float[]) (Object) UNINITIALISED.invokeExact(float.class, length);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static MethodHandle uninitialised() {
        if (!Object.class.getModule().isExported("jdk.internal.misc", FreshArrays.class.getModule())) {
            return null;
        }
        try {
            Class<?> unsafe = Class.forName("jdk.internal.misc.Unsafe");
            Object instance = unsafe.getMethod("getUnsafe").invoke(null);
            return MethodHandles.lookup()
                    .findVirtual(unsafe, "allocateUninitializedArray", MethodType.methodType(Object.class, Class.class, int.class))
                    .bindTo(instance);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
