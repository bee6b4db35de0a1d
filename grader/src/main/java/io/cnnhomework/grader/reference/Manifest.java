package io.cnnhomework.grader.reference;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code MANIFEST.json}: what the exporter wrote, with which versions, and a checksum per file.
 *
 * @param formatVersion layout version; this grader reads {@value #FORMAT_VERSION}
 * @param seed the seed the weights were drawn with
 * @param visibility whether the set is the handout's ({@code public}) or a hidden one ({@code private})
 * @param compact whether this is a compact seed fixture: no training traces, PyTorch's float64
 *     results beside the float32 ones, the digits in a directory shared with other seeds
 * @param digitsDir the digits' directory relative to the set's root: {@code digits}, or
 *     {@code ../digits} for a compact set
 * @param versions tool versions of the export (python, torch, onnx, ...)
 * @param tolerances how the per-tensor tolerances were derived, and every layer case's tolerances
 *     (each {@code case.json} carries its own, which must agree)
 * @param tasks the training setup per task id
 * @param files every file of the set but the manifest, by path relative to the set's root
 * @param layerCases the per-layer cases' directory names under {@code layers/}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Manifest(
        int formatVersion,
        long seed,
        Visibility visibility,
        boolean compact,
        String digitsDir,
        Map<String, String> versions,
        TolerancePolicy tolerances,
        Map<String, TaskEntry> tasks,
        Map<String, FileEntry> files,
        List<String> layerCases) {

    /** A manifest without layer cases lists none; one without a digits directory has {@code digits}. */
    public Manifest {
        layerCases = layerCases == null ? List.of() : List.copyOf(layerCases);
        digitsDir = digitsDir == null ? DEFAULT_DIGITS_DIR : digitsDir;
    }

    /** The layout version this grader understands: 2 added tolerances, float64 measurements and visibility. */
    public static final int FORMAT_VERSION = 2;

    /** Where a complete set keeps the digits. */
    public static final String DEFAULT_DIGITS_DIR = "digits";

    /** A digits directory inside the set or beside it (compact seed sets share one). */
    private static final Pattern DIGITS_DIR = Pattern.compile("(\\.\\./)?[A-Za-z0-9_-]+");

    /** The manifest's file name in a reference set. */
    public static final String FILE_NAME = "MANIFEST.json";

    /**
     * One task's training setup, as the notebook runs it.
     *
     * @param model the PyTorch reference class, {@code TorchGradientModel} or {@code TorchGradientModel2}
     * @param epochs number of full-batch epochs
     * @param lr SGD learning rate
     * @param numClasses output classes
     * @param inputSize image side
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TaskEntry(String model, int epochs, double lr, int numClasses, int inputSize, Float64Entry float64,
            TensorTolerance prepared) {
    }

    /**
     * A task's float64 run as the exporter measured it.
     *
     * @param summedError Σ over epochs |loss_float64 − loss_float32| by curve: {@code train}, and
     *     {@code val} for task 3
     * @param lossCsv the float64 curves' file (compact seed sets only), or {@code null}
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Float64Entry(Map<String, Double> summedError, String lossCsv) {
    }

    /**
     * How the per-tensor tolerances were derived (README, "How tolerances are derived").
     *
     * @param rule the comparison rule in words
     * @param derivation how atol and rtol follow from the measured float32 rounding
     * @param safetyFactor how many times PyTorch's measured rounding every tolerance admits
     * @param floorAtol the smallest atol any tensor gets
     * @param floorRtol the rtol of every tensor
     * @param layers every layer case's tolerances, by case and tensor
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TolerancePolicy(String rule, String derivation, double safetyFactor, double floorAtol, double floorRtol,
            Map<String, Map<String, TensorTolerance>> layers) {

        /** A policy without layer tolerances lists none. */
        public TolerancePolicy {
            layers = layers == null ? Map.of() : Map.copyOf(layers);
        }
    }

    /**
     * One file of the set.
     *
     * @param sha256 lower-case hex digest
     * @param bytes size
     * @param dtype for tensors: {@code float32} or {@code int64}
     * @param shape for tensors: the dimensions
     * @param initializers for ONNX models: initializer name to shape
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FileEntry(String sha256, long bytes, String dtype, List<Integer> shape,
            Map<String, List<Integer>> initializers) {
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * Reads and validates the manifest of a reference set.
     *
     * @param root the reference set's directory
     * @return the manifest
     * @throws ReferenceDataException if it is missing, not JSON, of another format or incomplete
     */
    public static Manifest read(Path root) {
        Path file = root.resolve(FILE_NAME);
        Manifest manifest;
        try {
            manifest = JSON.readValue(Files.readAllBytes(file), Manifest.class);
        } catch (NoSuchFileException e) {
            throw new ReferenceDataException(file, "missing; is " + root + " a reference set written by scripts/export_reference.py?");
        } catch (JacksonException e) {
            throw new ReferenceDataException(file, "not a valid manifest: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ReferenceDataException(file, "cannot be read: " + e.getMessage(), e);
        }
        if (manifest.formatVersion != FORMAT_VERSION) {
            throw new ReferenceDataException(file, "format_version " + manifest.formatVersion
                    + " is not the supported " + FORMAT_VERSION + "; regenerate the data or update the grader");
        }
        if (manifest.tasks == null || manifest.files == null) {
            throw new ReferenceDataException(file, "lacks the \"tasks\" or \"files\" section");
        }
        if (manifest.visibility == null) {
            throw new ReferenceDataException(file, "lacks \"visibility\": \"public\" (the handout's set) or \"private\"");
        }
        if (manifest.tolerances == null) {
            throw new ReferenceDataException(file, "lacks the \"tolerances\" section");
        }
        if (!DIGITS_DIR.matcher(manifest.digitsDir).matches()) {
            throw new ReferenceDataException(file, "digits_dir \"" + manifest.digitsDir
                    + "\" is neither a directory of the set nor one beside it (digits, ../digits)");
        }
        return manifest;
    }

    /**
     * Looks up a task's setup.
     *
     * @param root where the manifest was read from, for the message
     * @param taskId {@code task1}, {@code task2} or {@code task3}
     * @return the setup
     */
    TaskEntry task(Path root, String taskId) {
        TaskEntry entry = tasks.get(taskId);
        if (entry == null) {
            throw new ReferenceDataException(root.resolve(FILE_NAME), "has no task \"" + taskId + "\" (has " + tasks.keySet() + ")");
        }
        return entry;
    }
}
