package io.cnnhomework.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Checks {@link Tensor} against outputs computed by PyTorch ({@code scripts/tensor_golden.py}),
 * one dynamic test per case of {@code reference-data/tensor-ops/golden.json}.
 *
 * <p>Values must satisfy {@code |a - r| <= ATOL + RTOL * |r|}; operations that only move,
 * select or compare values must match exactly. A missing file or an operation this test does not
 * know fails rather than skips, so the golden data can never silently stop being checked.
 */
class TensorGoldenTest {

    static final double ATOL = 1e-6;
    static final double RTOL = 1e-5;
    private static final Set<String> EXACT_OPS =
            Set.of("permute", "transpose", "reshape", "pad", "where", "gt", "argmax", "argmin", "max", "index_select",
                    "gather");

    static Path goldenFile() {
        String configured = System.getProperty("reference.dir");
        Path referenceDir = configured != null && !configured.isBlank()
                ? Path.of(configured) : Path.of("..", "reference-data");
        return referenceDir.resolve("tensor-ops").resolve("golden.json").toAbsolutePath().normalize();
    }

    @TestFactory
    Stream<DynamicTest> tensorMatchesPyTorchOnEveryGoldenCase() throws IOException {
        Path file = goldenFile();
        if (!Files.isRegularFile(file)) {
            fail("golden file " + file + " is missing; generate it with scripts/tensor_golden.py"
                    + " (or set -Dreference.dir to the reference-data directory)");
        }
        JsonNode cases = JsonMapper.builder()
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .build()
                .readTree(file.toFile());
        assertTrue(cases.isArray() && !cases.isEmpty(), "golden file " + file + " holds no cases");
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : cases) {
            String name = c.path("name").asText() + " (" + c.path("op").asText() + ")";
            tests.add(DynamicTest.dynamicTest(name, () -> check(c)));
        }
        return tests.stream();
    }

    private static void check(JsonNode c) {
        String op = c.path("op").asText();
        JsonNode args = c.path("args");
        List<Tensor> in = new ArrayList<>();
        for (JsonNode input : c.path("inputs")) {
            in.add(decode(input));
        }
        Tensor expected = decode(c.path("output"));
        Tensor actual = apply(op, in, args);
        assertArrayEquals(expected.shape(), actual.shape(), () -> c.path("name").asText() + ": shape");
        float[] e = expected.toArray();
        float[] a = actual.toArray();
        boolean exact = EXACT_OPS.contains(op);
        for (int i = 0; i < e.length; i++) {
            double tolerance = exact ? 0 : ATOL + RTOL * Math.abs((double) e[i]);
            boolean ok = Float.isFinite(a[i]) && Math.abs((double) a[i] - e[i]) <= tolerance;
            if (!ok) {
                fail(c.path("name").asText() + ": element " + i + " (flat index) of shape "
                        + Shapes.str(expected.shape()) + ": expected " + e[i] + " but was " + a[i]
                        + (exact ? " (exact comparison)" : " (tolerance " + tolerance + ")"));
            }
        }
    }

    static Tensor apply(String op, List<Tensor> in, JsonNode args) {
        switch (op) {
            case "add": return in.get(0).add(in.get(1));
            case "sub": return in.get(0).sub(in.get(1));
            case "mul": return in.get(0).mul(in.get(1));
            case "div": return in.get(0).div(in.get(1));
            case "maximum": return in.get(0).maximum(in.get(1));
            case "gt": return in.get(0).gt(in.get(1));
            case "where": return Tensor.where(in.get(0), in.get(1), in.get(2));
            case "exp": return in.get(0).exp();
            case "log": return in.get(0).log();
            case "sqrt": return in.get(0).sqrt();
            case "pow": return in.get(0).pow((float) required(args, "exponent").asDouble());
            case "clamp": return clamp(in.get(0), args);
            case "matmul": return in.get(0).matmul(in.get(1));
            case "sum": return in.get(0).sum(ints(required(args, "dims")), args.path("keepdim").asBoolean(false));
            case "mean": return in.get(0).mean(ints(required(args, "dims")), args.path("keepdim").asBoolean(false));
            case "max":
                return args.has("dim")
                        ? in.get(0).max(args.get("dim").asInt(), args.path("keepdim").asBoolean(false))
                        : in.get(0).max();
            case "argmax":
                return args.has("dim")
                        ? in.get(0).argmax(args.get("dim").asInt(), args.path("keepdim").asBoolean(false)).toFloat()
                        : in.get(0).argmax().toFloat();
            case "argmin":
                return args.has("dim")
                        ? in.get(0).argmin(args.get("dim").asInt(), args.path("keepdim").asBoolean(false)).toFloat()
                        : in.get(0).argmin().toFloat();
            case "std":
                return in.get(0).std(ints(required(args, "dims")), required(args, "unbiased").asBoolean(),
                        args.path("keepdim").asBoolean(false));
            case "index_select": return in.get(0).indexSelect(required(args, "dim").asInt(), in.get(1).toIndices());
            case "gather": return in.get(0).gather(required(args, "dim").asInt(), in.get(1).toIndices());
            case "fold":
                return in.get(0).fold(ints(required(args, "output_size")), ints(required(args, "kernel_size")),
                        ints(required(args, "dilation")), ints(required(args, "padding")), ints(required(args, "stride")));
            case "var":
                return in.get(0).var(ints(required(args, "dims")), required(args, "unbiased").asBoolean(),
                        args.path("keepdim").asBoolean(false));
            case "permute": return in.get(0).permute(ints(required(args, "dims")));
            case "transpose":
                return in.get(0).transpose(required(args, "dim0").asInt(), required(args, "dim1").asInt());
            case "reshape": return in.get(0).reshape(ints(required(args, "shape")));
            case "pad": return in.get(0).pad(ints(required(args, "pads")));
            default:
                throw new AssertionError("golden case uses op '" + op + "', which this test does not know;"
                        + " add it to TensorGoldenTest.apply");
        }
    }

    @Test
    void unknownOperationFailsInsteadOfBeingSkipped() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> apply("conv2d", List.of(Tensor.zeros(1)), JsonMapper.builder().build().createObjectNode()));
        assertEquals("golden case uses op 'conv2d', which this test does not know; add it to TensorGoldenTest.apply",
                e.getMessage());
    }

    private static Tensor clamp(Tensor x, JsonNode args) {
        JsonNode min = args.path("min");
        JsonNode max = args.path("max");
        float lo = min.isNumber() ? (float) min.asDouble() : Float.NEGATIVE_INFINITY;
        float hi = max.isNumber() ? (float) max.asDouble() : Float.POSITIVE_INFINITY;
        return x.clamp(lo, hi);
    }

    private static JsonNode required(JsonNode args, String key) {
        if (!args.has(key)) {
            throw new AssertionError("golden case lacks argument '" + key + "' in " + args);
        }
        return args.get(key);
    }

    private static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    private static Tensor decode(JsonNode node) {
        int[] shape = ints(node.path("shape"));
        JsonNode data = node.path("data");
        float[] values = new float[data.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) data.get(i).asDouble();
        }
        return Tensor.of(values, shape);
    }
}
