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

/**
 * {@code MANIFEST.json}: what the exporter wrote, with which versions, and a checksum per file.
 *
 * @param formatVersion layout version; this grader reads {@value #FORMAT_VERSION}
 * @param seed the seed the weights were drawn with
 * @param versions tool versions of the export (python, torch, onnx, ...)
 * @param tasks the training setup per task id
 * @param files every file of the set but the manifest, by path relative to the set's root
 * @param layerCases the per-layer cases' directory names under {@code layers/}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Manifest(
        int formatVersion,
        long seed,
        Map<String, String> versions,
        Map<String, TaskEntry> tasks,
        Map<String, FileEntry> files,
        List<String> layerCases) {

    /** A manifest without layer cases lists none. */
    public Manifest {
        layerCases = layerCases == null ? List.of() : List.copyOf(layerCases);
    }

    /** The layout version this grader understands. */
    public static final int FORMAT_VERSION = 1;

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
    public record TaskEntry(String model, int epochs, double lr, int numClasses, int inputSize) {
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
