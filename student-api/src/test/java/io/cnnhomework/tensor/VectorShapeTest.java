package io.cnnhomework.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package's Vector API kernels use one vector shape, the preferred one. A second shape (a
 * {@code SPECIES_128} load to widen floats to doubles, a {@code convertShape}) puts two vector
 * classes into the type profiles of the API's shared methods, and a JIT that compiles the matrix
 * product's tiles after seeing both boxes every vector: five times the CPU time and 90 MB per
 * training step, in some JVMs and not others. No timing can catch that in a test, so the
 * compiled classes are read for the names that would bring it in.
 */
class VectorShapeTest {

    /** Names in a class file's constant pool that select or make a vector of another shape. */
    private static final Pattern OTHER_SHAPE = Pattern.compile(
            "SPECIES_(?!PREFERRED)[A-Z0-9_]+|convertShape|castShape|reinterpretShape|VectorShape|ofLength");

    @Test
    void tensorKernelsNameOnlyThePreferredSpecies() throws IOException, URISyntaxException {
        Path classes = Path.of(Tensor.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("io/cnnhomework/tensor");
        List<String> found = new ArrayList<>();
        int vectorClasses = 0;
        try (Stream<Path> files = Files.list(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                // Constant-pool names are stored as (modified) UTF-8; ASCII names read back as they are.
                String pool = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                if (pool.contains("jdk/incubator/vector/")) {
                    vectorClasses++;
                }
                Matcher m = OTHER_SHAPE.matcher(pool);
                while (m.find()) {
                    found.add(file.getFileName() + ": " + m.group());
                }
            }
        }
        assertTrue(vectorClasses > 0, "no class of " + classes + " uses the Vector API: is this the right directory?");
        assertEquals(List.of(), found, "Vector API names of another shape than SPECIES_PREFERRED");
    }

    @Test
    void theCheckRecognisesTheNamesThatBringInAnotherShape() {
        assertTrue(OTHER_SHAPE.matcher("jdk/incubator/vector/FloatVector SPECIES_128").find());
        assertTrue(OTHER_SHAPE.matcher("convertShape").find());
        assertFalse(OTHER_SHAPE.matcher("SPECIES_PREFERRED").find());
    }
}
