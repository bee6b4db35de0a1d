package io.cnnhomework.tensor;

/**
 * Which kernels this JVM runs. The Vector API kernels ({@link VectorMatMul}) need the incubator
 * module {@code jdk.incubator.vector} (the JVM option {@code --add-modules jdk.incubator.vector});
 * without it, or with {@code -Dcnnhomework.tensor.vector=false}, the plain Java loops run instead.
 * Both compute the same bits, so the choice changes the speed and nothing else.
 */
final class Kernels {

    /** The system property that turns the Vector API kernels off ({@code false}). */
    static final String VECTOR_PROPERTY = "cnnhomework.tensor.vector";

    /** Whether the Vector API kernels run. */
    static final boolean VECTOR = vectorAvailable();

    /** Floats per vector of the Vector API kernels; 0 when they do not run. */
    static final int LANES = VECTOR ? VectorMatMul.LANES : 0;

    private Kernels() {
    }

    private static boolean vectorAvailable() {
        if (!Boolean.parseBoolean(System.getProperty(VECTOR_PROPERTY, "true"))
                || ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return false;
        }
        try {
            // Fewer than 8 lanes (no AVX) would not pay for the tiles.
            return VectorMatMul.LANES >= 8;
        } catch (LinkageError e) {
            return false;
        }
    }
}
