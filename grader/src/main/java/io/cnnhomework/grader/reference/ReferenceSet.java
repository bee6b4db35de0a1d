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
 * the digits, the per-layer cases with their derived tolerances. Loading checks every file the
 * manifest lists (size and sha256) and parses every file the grader uses; nothing is loaded lazily,
 * so a broken set fails before any student code runs.
 *
 * <p>A compact seed set ({@code export_reference.py --seeds}, {@link Manifest#compact()}) loads the
 * same way: it has no training traces, carries PyTorch's float64 results
 * ({@link LayerCase#float64()}, {@link Float64Training#trainLoss()}) and reads the digits from the
 * directory its seeds share.
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
     * @return whether the set is the handout's ({@link Visibility#PUBLIC}) or a hidden one, whose
     *     expected values must not reach students
     */
    public Visibility visibility() {
        return manifest.visibility();
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
        Float64Training float64 = loadFloat64Training(files, id, setup, curveColumns, digits);
        TensorTolerance prepared = setup.prepared();
        if (digits && prepared == null) {
            throw new ReferenceDataException(files.root().resolve(Manifest.FILE_NAME), "task " + id
                    + " lacks \"prepared\": the tolerance for a submission's prepared digits");
        }
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
                curves.get(curveColumns[0]), digits ? curves.get(curveColumns[1]) : null, loadTrace(files, id, setup.epochs()),
                float64, digits ? prepared : null);
    }

    /** The manifest's float64 measurement of a task and, in a compact set, the float64 curves. */
    private static Float64Training loadFloat64Training(ReferenceFiles files, String id, Manifest.TaskEntry setup,
            String[] curveColumns, boolean validates) {
        Path manifestFile = files.root().resolve(Manifest.FILE_NAME);
        Manifest.Float64Entry entry = setup.float64();
        Map<String, Double> summed = entry == null || entry.summedError() == null ? Map.of() : entry.summedError();
        double train = summedError(summed, "train", manifestFile, id);
        double val = validates ? summedError(summed, "val", manifestFile, id) : Double.NaN;
        double[] trainLoss = null;
        double[] valLoss = null;
        if (entry.lossCsv() != null) {
            Map<String, double[]> curves = LossCurveCsv.read(files.read(entry.lossCsv()), files.path(entry.lossCsv()),
                    List.of(curveColumns), setup.epochs());
            trainLoss = curves.get(curveColumns[0]);
            valLoss = validates ? curves.get(curveColumns[1]) : null;
        }
        return new Float64Training(train, val, trainLoss, valLoss);
    }

    private static double summedError(Map<String, Double> summed, String curve, Path manifestFile, String id) {
        Double value = summed.get(curve);
        if (value == null || !(value >= 0) || value.isInfinite()) {
            throw new ReferenceDataException(manifestFile, "task " + id + " lacks a float64 summed error for its "
                    + curve + " curve (float64.summed_error." + curve + ", found " + value + ")");
        }
        return value;
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
        Map<String, TensorTolerance> tolerances = loadTolerances(files, name, caseFile, json, expected);
        Map<String, Tensor> float64 = new TreeMap<>();
        for (JsonNode tensor : json.path("float64")) {
            String tensorName = tensor.asText();
            String relative = dir + "float64/" + tensorName + ".pb";
            Tensor reference = expected.get(tensorName);
            if (reference == null) {
                throw new ReferenceDataException(caseFile, "lists float64 result " + tensorName + ", which is not one of "
                        + expected.keySet());
            }
            Tensor values = floatTensor(files, relative);
            if (!Arrays.equals(values.shape(), reference.shape())) {
                throw new ReferenceDataException(files.path(relative), "shape " + Arrays.toString(values.shape())
                        + " differs from the float32 result's " + Arrays.toString(reference.shape()));
            }
            float64.put(tensorName, values);
        }
        return new LayerCase(name, json.get("layer").asText(), json.path("batch").asInt(0), json.path("description").asText(""),
                Map.copyOf(attributes), Map.copyOf(inputs), labels, Map.copyOf(expected), Map.copyOf(tolerances),
                Map.copyOf(float64));
    }

    /**
     * A case's {@code "tolerances"}: one per expected tensor, none for anything else, and the same as
     * the manifest's copy.
     */
    private static Map<String, TensorTolerance> loadTolerances(ReferenceFiles files, String name, Path caseFile,
            JsonNode json, Map<String, Tensor> expected) {
        JsonNode node = json.path("tolerances");
        if (!node.isObject()) {
            throw new ReferenceDataException(caseFile, "lacks \"tolerances\" (one per expected tensor: atol, rtol, spread)");
        }
        Map<String, TensorTolerance> tolerances = new TreeMap<>();
        node.fields().forEachRemaining(field -> {
            if (!expected.containsKey(field.getKey())) {
                throw new ReferenceDataException(caseFile, "has a tolerance for " + field.getKey() + ", which is not one of "
                        + expected.keySet());
            }
            tolerances.put(field.getKey(), tolerance(caseFile, field.getKey(), field.getValue()));
        });
        for (String tensor : expected.keySet()) {
            if (!tolerances.containsKey(tensor)) {
                throw new ReferenceDataException(caseFile, "has no tolerance for " + tensor);
            }
        }
        Map<String, TensorTolerance> listed = files.manifest().tolerances().layers().get(name);
        if (!tolerances.equals(listed)) {
            throw new ReferenceDataException(caseFile, "tolerances differ from " + Manifest.FILE_NAME + "'s for " + name
                    + " (" + tolerances + " here, " + listed + " there)");
        }
        return tolerances;
    }

    private static TensorTolerance tolerance(Path file, String tensor, JsonNode node) {
        double[] parts = new double[3];
        String[] names = {"atol", "rtol", "spread"};
        for (int i = 0; i < names.length; i++) {
            JsonNode part = node.path(names[i]);
            if (!part.isNumber() || !(part.asDouble() >= 0) || Double.isInfinite(part.asDouble())) {
                throw new ReferenceDataException(file, "tolerance of " + tensor + " needs a finite, non-negative \""
                        + names[i] + "\" (found " + part + ")");
            }
            parts[i] = part.asDouble();
        }
        return new TensorTolerance(parts[0], parts[1], parts[2]);
    }

    private static Standardisation loadStandardisation(ReferenceFiles files) {
        String name = files.manifest().digitsDir() + "/normalization.json";
        JsonNode json;
        try {
            json = JSON.readTree(files.read(name));
        } catch (IOException e) {
            throw new ReferenceDataException(files.path(name), "not valid JSON: " + e.getMessage(), e);
        }
        if (!json.path("mean").isNumber() || !json.path("std").isNumber() || !(json.path("std").floatValue() > 0)) {
            throw new ReferenceDataException(files.path(name), "lacks a numeric \"mean\" and a positive \"std\"");
        }
        if (!json.path("mean_float64").isNumber() || !json.path("std_float64").isNumber()
                || !(json.path("std_float64").doubleValue() > 0)) {
            throw new ReferenceDataException(files.path(name), "lacks a numeric \"mean_float64\" and a positive \"std_float64\"");
        }
        return new Standardisation(json.path("mean").floatValue(), json.path("std").floatValue(),
                json.path("mean_float64").doubleValue(), json.path("std_float64").doubleValue());
    }

    private static Digits loadDigits(ReferenceFiles files) {
        String dir = files.manifest().digitsDir() + "/";
        Tensor pixels = floatTensor(files, dir + "pixels.pb");
        int[] targets = intArray(files, dir + "targets.pb");
        int[] trainIndex = intArray(files, dir + "train_index.pb");
        int[] valIndex = intArray(files, dir + "val_index.pb");
        if (pixels.dim() != 2 || pixels.size(0) != targets.length) {
            throw new ReferenceDataException(files.path(dir + "pixels.pb"), "shape " + Arrays.toString(pixels.shape())
                    + " does not match " + targets.length + " targets");
        }
        for (int[] index : List.of(trainIndex, valIndex)) {
            for (int row : index) {
                if (row < 0 || row >= targets.length) {
                    throw new ReferenceDataException(files.path(files.manifest().digitsDir()), "split index " + row
                            + " outside 0.." + (targets.length - 1));
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
