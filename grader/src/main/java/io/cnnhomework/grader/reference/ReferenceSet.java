package io.cnnhomework.grader.reference;

import ai.onnx.proto.OnnxMl.TensorProto;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cnnhomework.grader.exercise.Digits;
import io.cnnhomework.grader.exercise.LayerKind;
import io.cnnhomework.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A complete reference set as {@code scripts/export_reference.py} writes it: the three tasks and
 * the digits. Loading checks every file the manifest lists (size and sha256) and parses every file
 * the grader uses; nothing is loaded lazily, so a broken set fails before any student code runs.
 *
 * @param root the set's directory
 * @param manifest its manifest
 * @param tasks the tasks in order
 * @param digits the raw digits and split for task 3
 * @param standardisation the training split's pixel mean and std, as the exporter computed them
 * @param layerCases the per-layer cases, in the manifest's order
 */
public record ReferenceSet(Path root, Manifest manifest, List<ReferenceTask> tasks, Digits digits, List<LayerCase> layerCases,
        Standardisation standardisation) {

    /** The task ids, in the notebook's order. */
    public static final List<String> TASK_IDS = List.of("task1", "task2", "task3");

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Loads and verifies a reference set.
     *
     * @param root the directory holding {@code MANIFEST.json}
     * @return the set
     * @throws ReferenceDataException naming the first file that is missing, corrupt or inconsistent
     */
    public static ReferenceSet load(Path root) {
        if (!Files.isDirectory(root)) {
            throw new ReferenceDataException(root, "is not a directory");
        }
        ReferenceFiles files = new ReferenceFiles(root, Manifest.read(root));
        // Traces and layer cases are not parsed here, but a damaged one must not go unnoticed.
        files.manifest().files().keySet().stream().sorted().forEach(files::read);
        List<ReferenceTask> tasks = new ArrayList<>();
        for (String id : TASK_IDS) {
            tasks.add(loadTask(files, id));
        }
        List<LayerCase> cases = new ArrayList<>();
        for (String name : files.manifest().layerCases()) {
            cases.add(loadLayerCase(files, name));
        }
        return new ReferenceSet(root, files.manifest(), List.copyOf(tasks), loadDigits(files), List.copyOf(cases),
                loadStandardisation(files));
    }

    /**
     * @param id a task id
     * @return that task
     */
    public ReferenceTask task(String id) {
        return tasks.stream().filter(t -> t.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no task " + id + " in " + root));
    }

    private static ReferenceTask loadTask(ReferenceFiles files, String id) {
        Manifest.TaskEntry setup = files.manifest().task(files.root(), id);
        Map<String, List<Integer>> expectedShapes = Architecture.initializerShapes(setup.model(), setup.inputSize(), setup.numClasses());
        if (expectedShapes == null) {
            throw new ReferenceDataException(files.root().resolve(Manifest.FILE_NAME), "task " + id
                    + " names an unknown model " + setup.model());
        }
        String modelPath = id + "/model.onnx";
        Map<String, Tensor> params = OnnxTensors.initializers(files.read(modelPath), files.path(modelPath));
        for (Map.Entry<String, List<Integer>> expected : expectedShapes.entrySet()) {
            Tensor found = params.get(expected.getKey());
            if (found == null) {
                throw new ReferenceDataException(files.path(modelPath), "has no initializer " + expected.getKey()
                        + " (found " + params.keySet() + "); export without constant folding to keep PyTorch's names");
            }
            List<Integer> shape = Arrays.stream(found.shape()).boxed().toList();
            if (!shape.equals(expected.getValue())) {
                throw new ReferenceDataException(files.path(modelPath), "expected shape " + expected.getValue()
                        + " but found " + shape + " in initializer " + expected.getKey());
            }
        }
        boolean digits = id.equals("task3");
        String[] curveColumns = digits ? new String[] {"loss_train_pt", "loss_val_pt"} : new String[] {"loss_pt"};
        Map<String, double[]> curves = LossCurveCsv.read(files.read(id + "/loss.csv"), files.path(id + "/loss.csv"),
                List.of(curveColumns), setup.epochs());
        Tensor trainX = floatTensor(files, id + "/input.pb");
        int[] trainLabels = intArray(files, id + "/labels.pb");
        Tensor valX = digits ? floatTensor(files, id + "/val_input.pb") : null;
        int[] valLabels = digits ? intArray(files, id + "/val_labels.pb") : null;
        requireBatch(files, id + "/labels.pb", trainX, trainLabels);
        if (digits) {
            requireBatch(files, id + "/val_labels.pb", valX, valLabels);
        }
        return new ReferenceTask(id, setup.model(), setup.epochs(), setup.lr(), setup.numClasses(), setup.inputSize(),
                trainX, trainLabels, valX, valLabels, Map.copyOf(params),
                curves.get(curveColumns[0]), digits ? curves.get(curveColumns[1]) : null, loadTrace(files, id, setup.epochs()));
    }

    /** Every {@code taskN/trace/NAME.pb} the manifest lists, by NAME, each {@code [epochs, ...]}. */
    private static Map<String, Tensor> loadTrace(ReferenceFiles files, String id, int epochs) {
        String prefix = id + "/trace/";
        Map<String, Tensor> trace = new TreeMap<>();
        for (String relative : files.manifest().files().keySet()) {
            if (relative.startsWith(prefix) && relative.endsWith(".pb")) {
                Tensor values = floatTensor(files, relative);
                if (values.dim() == 0 || values.size(0) != epochs) {
                    throw new ReferenceDataException(files.path(relative), "shape " + Arrays.toString(values.shape())
                            + " should start with the " + epochs + " epochs");
                }
                trace.put(relative.substring(prefix.length(), relative.length() - ".pb".length()), values);
            }
        }
        return Map.copyOf(trace);
    }

    private static LayerCase loadLayerCase(ReferenceFiles files, String name) {
        String dir = "layers/" + name + "/";
        Path caseFile = files.path(dir + "case.json");
        JsonNode json;
        try {
            json = JSON.readTree(files.read(dir + "case.json"));
        } catch (IOException e) {
            throw new ReferenceDataException(caseFile, "not valid JSON: " + e.getMessage(), e);
        }
        if (!json.path("layer").isTextual() || !json.path("tensors").isArray()) {
            throw new ReferenceDataException(caseFile, "lacks \"layer\" or \"tensors\"");
        }
        if (LayerKind.byClassName(json.get("layer").asText()).isEmpty()) {
            throw new ReferenceDataException(caseFile, "names the layer " + json.get("layer").asText() + ", no homework class");
        }
        Map<String, Double> attributes = new TreeMap<>();
        json.path("attributes").fields().forEachRemaining(field -> {
            JsonNode value = field.getValue();
            if (value.isNumber()) {
                attributes.put(field.getKey(), value.asDouble());
            } else if (value.isBoolean()) {
                attributes.put(field.getKey(), value.asBoolean() ? 1.0 : 0.0);
            }
        });
        Map<String, Tensor> inputs = new TreeMap<>();
        Map<String, Tensor> expected = new TreeMap<>();
        int[] labels = null;
        for (JsonNode tensor : json.get("tensors")) {
            String tensorName = tensor.asText();
            String relative = dir + tensorName + ".pb";
            if (tensorName.equals("labels")) {
                labels = intArray(files, relative);
            } else {
                (LayerCase.isProduced(tensorName) ? expected : inputs).put(tensorName, floatTensor(files, relative));
            }
        }
        return new LayerCase(name, json.get("layer").asText(), json.path("batch").asInt(0), json.path("description").asText(""),
                Map.copyOf(attributes), Map.copyOf(inputs), labels, Map.copyOf(expected));
    }

    private static Standardisation loadStandardisation(ReferenceFiles files) {
        String name = "digits/normalization.json";
        JsonNode json;
        try {
            json = JSON.readTree(files.read(name));
        } catch (IOException e) {
            throw new ReferenceDataException(files.path(name), "not valid JSON: " + e.getMessage(), e);
        }
        if (!json.path("mean").isNumber() || !json.path("std").isNumber() || !(json.path("std").floatValue() > 0)) {
            throw new ReferenceDataException(files.path(name), "lacks a numeric \"mean\" and a positive \"std\"");
        }
        return new Standardisation(json.path("mean").floatValue(), json.path("std").floatValue());
    }

    private static Digits loadDigits(ReferenceFiles files) {
        Tensor pixels = floatTensor(files, "digits/pixels.pb");
        int[] targets = intArray(files, "digits/targets.pb");
        int[] trainIndex = intArray(files, "digits/train_index.pb");
        int[] valIndex = intArray(files, "digits/val_index.pb");
        if (pixels.dim() != 2 || pixels.size(0) != targets.length) {
            throw new ReferenceDataException(files.path("digits/pixels.pb"), "shape " + Arrays.toString(pixels.shape())
                    + " does not match " + targets.length + " targets");
        }
        for (int[] index : List.of(trainIndex, valIndex)) {
            for (int row : index) {
                if (row < 0 || row >= targets.length) {
                    throw new ReferenceDataException(files.path("digits"), "split index " + row + " outside 0.." + (targets.length - 1));
                }
            }
        }
        return new Digits(pixels, targets, trainIndex, valIndex);
    }

    /**
     * @return the sha256 of this set's {@code MANIFEST.json}, which names every file's sha256 and
     *     so identifies the whole set
     * @throws ReferenceDataException if it can no longer be read
     */
    public String manifestSha256() {
        Path file = root.resolve(Manifest.FILE_NAME);
        try {
            return ReferenceFiles.sha256(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new ReferenceDataException(file, "cannot be read: " + e.getMessage(), e);
        }
    }

    private static void requireBatch(ReferenceFiles files, String labelsPath, Tensor x, int[] labels) {
        if (x.size(0) != labels.length) {
            throw new ReferenceDataException(files.path(labelsPath), labels.length + " labels for a batch of " + x.size(0));
        }
    }

    private static Tensor floatTensor(ReferenceFiles files, String relative) {
        TensorProto proto = checkedProto(files, relative);
        return OnnxTensors.toTensor(proto, files.path(relative));
    }

    private static int[] intArray(ReferenceFiles files, String relative) {
        TensorProto proto = checkedProto(files, relative);
        return OnnxTensors.toIntArray(proto, files.path(relative));
    }

    /** Parses a tensor file and checks its element type and shape against the manifest. */
    private static TensorProto checkedProto(ReferenceFiles files, String relative) {
        Path path = files.path(relative);
        TensorProto proto = OnnxTensors.parseTensor(files.read(relative), path);
        Manifest.FileEntry entry = files.entry(relative);
        String dtype = OnnxTensors.dtypeName(proto.getDataType());
        if (entry.dtype() != null && !entry.dtype().equals(dtype)) {
            throw new ReferenceDataException(path, "element type " + dtype + " but the manifest says " + entry.dtype());
        }
        List<Integer> shape = Arrays.stream(OnnxTensors.shapeOf(proto, path)).boxed().toList();
        if (entry.shape() != null && !entry.shape().equals(shape)) {
            throw new ReferenceDataException(path, "expected shape " + entry.shape() + " but found " + shape);
        }
        return proto;
    }
}
