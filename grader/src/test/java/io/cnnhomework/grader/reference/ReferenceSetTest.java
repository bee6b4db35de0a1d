package io.cnnhomework.grader.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cnnhomework.grader.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceSetTest {

    @TempDir
    Path tmp;

    @Test
    void shippedSetHoldsTheNotebooksAnchorsAndShapes() {
        ReferenceSet set = ReferenceSet.load(Fixtures.referenceDir());

        ReferenceTask task1 = set.task("task1");
        assertEquals(3, task1.epochs());
        assertEquals(0.93615, task1.trainLoss()[0], 5e-6, "notebook's task 1 epoch-0 loss");
        assertArrayEquals(new int[] {4, 1, 5, 5}, task1.trainX().shape());
        assertArrayEquals(new int[] {0, 0, 1, 1}, task1.trainLabels());
        assertArrayEquals(new int[] {4, 1, 5, 5}, task1.initialParams().get("conv1.weight").shape());
        assertNull(task1.valLoss());

        ReferenceTask task2 = set.task("task2");
        assertEquals(10, task2.epochs());
        assertEquals(0.80133, task2.trainLoss()[0], 5e-6, "notebook's task 2 epoch-0 loss");
        assertArrayEquals(new int[] {4}, task2.initialParams().get("bn1.running_mean").shape());

        ReferenceTask task3 = set.task("task3");
        assertArrayEquals(new int[] {10, 1, 8, 8}, task3.trainX().shape());
        assertArrayEquals(new int[] {10, 36}, task3.initialParams().get("fc1.weight").shape());
        assertEquals(10, task3.valLoss().length);

        assertArrayEquals(new int[] {1797, 64}, set.digits().pixels().shape());
        assertEquals(1437, set.digits().trainIndex().length);
        assertEquals(360, set.digits().valIndex().length);
    }

    @Test
    void truncatedModelIsNamedByTheChecksum() throws IOException {
        byte[] model = ReferenceCopies.original("task1/model.onnx");
        Path copy = ReferenceCopies.withFile(tmp, "task1/model.onnx", Arrays.copyOf(model, model.length / 2));

        ReferenceDataException e = assertThrows(ReferenceDataException.class, () -> ReferenceSet.load(copy));

        assertTrue(e.getMessage().startsWith(copy.resolve("task1/model.onnx") + ": has " + model.length / 2 + " bytes"),
                e.getMessage());
    }

    @Test
    void corruptModelWithMatchingManifestIsNamedByTheParser() throws IOException {
        byte[] model = ReferenceCopies.original("task2/model.onnx");
        Path copy = ReferenceCopies.withResignedFile(tmp, "task2/model.onnx", Arrays.copyOf(model, model.length - 7));

        ReferenceDataException e = assertThrows(ReferenceDataException.class, () -> ReferenceSet.load(copy));

        assertTrue(e.getMessage().startsWith(copy.resolve("task2/model.onnx") + ": not an ONNX model"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void changedFileIsNamedWithBothChecksums() throws IOException {
        byte[] csv = ReferenceCopies.original("task1/loss.csv");
        byte[] changed = csv.clone();
        changed[changed.length - 2] = (byte) (changed[changed.length - 2] == '1' ? '2' : '1');
        Path copy = ReferenceCopies.withFile(tmp, "task1/loss.csv", changed);

        ReferenceDataException e = assertThrows(ReferenceDataException.class, () -> ReferenceSet.load(copy));

        assertTrue(e.getMessage().contains("task1/loss.csv: sha256 " + ReferenceFiles.sha256(changed) + " differs"), e.getMessage());
    }

    @Test
    void damagedTraceIsCaughtAlthoughTheGraderDoesNotParseIt() throws IOException {
        byte[] trace = ReferenceCopies.original("task2/trace/logits.pb");
        trace[trace.length - 1] ^= 1;
        Path copy = ReferenceCopies.withFile(tmp, "task2/trace/logits.pb", trace);

        ReferenceDataException e = assertThrows(ReferenceDataException.class, () -> ReferenceSet.load(copy));

        assertTrue(e.getMessage().startsWith(copy.resolve("task2/trace/logits.pb") + ": sha256 "), e.getMessage());
    }

    @Test
    void missingCsvIsNamed() throws IOException {
        Path copy = ReferenceCopies.withFile(tmp, "task2/loss.csv", new byte[0]);
        Files.delete(copy.resolve("task2/loss.csv"));

        ReferenceDataException e = assertThrows(ReferenceDataException.class, () -> ReferenceSet.load(copy));

        assertEquals(copy.resolve("task2/loss.csv") + ": missing (listed in MANIFEST.json)", e.getMessage());
    }

    @Test
    void nonNumericCsvValueIsNamedWithLineAndColumn() throws IOException {
        String csv = new String(ReferenceCopies.original("task1/loss.csv"), StandardCharsets.UTF_8);
        String broken = csv.replaceFirst("\n1,[^\n]*", "\n1,abc");
        Path copy = ReferenceCopies.withResignedFile(tmp, "task1/loss.csv", broken.getBytes(StandardCharsets.UTF_8));

        ReferenceDataException e = assertThrows(ReferenceDataException.class, () -> ReferenceSet.load(copy));

        assertEquals(copy.resolve("task1/loss.csv") + ": line 3: 'abc' in column loss_pt is not a number", e.getMessage());
    }

    @Test
    void csvWithAMissingEpochIsRejected() throws IOException {
        String csv = new String(ReferenceCopies.original("task1/loss.csv"), StandardCharsets.UTF_8);
        String shorter = csv.substring(0, csv.stripTrailing().lastIndexOf('\n') + 1);
        Path copy = ReferenceCopies.withResignedFile(tmp, "task1/loss.csv", shorter.getBytes(StandardCharsets.UTF_8));

        ReferenceDataException e = assertThrows(ReferenceDataException.class, () -> ReferenceSet.load(copy));

        assertEquals(copy.resolve("task1/loss.csv") + ": has 2 epochs but the manifest says 3", e.getMessage());
    }

    @Test
    void missingManifestSaysWhatTheDirectoryShouldBe() throws IOException {
        Path empty = Files.createDirectory(tmp.resolve("empty"));

        ReferenceDataException e = assertThrows(ReferenceDataException.class, () -> ReferenceSet.load(empty));

        assertTrue(e.getMessage().startsWith(empty.resolve("MANIFEST.json") + ": missing"), e.getMessage());
    }

    @Test
    void manifestThatIsNotJsonIsNamed() throws IOException {
        Path copy = ReferenceCopies.withFile(tmp, "MANIFEST.json", "{ not json".getBytes(StandardCharsets.UTF_8));

        ReferenceDataException e = assertThrows(ReferenceDataException.class, () -> ReferenceSet.load(copy));

        assertTrue(e.getMessage().startsWith(copy.resolve("MANIFEST.json") + ": not a valid manifest"), e.getMessage());
    }

    @Test
    void caseWithoutAToleranceForATensorIsNamed() throws IOException {
        Path copy = ReferenceCopies.withEditedJson(tmp, "layers/fc_batch4/case.json",
                json -> ((ObjectNode) json.get("tolerances")).remove("grad_bias"));

        ReferenceDataException e = assertThrows(ReferenceDataException.class, () -> ReferenceSet.load(copy));

        assertEquals(copy.resolve("layers/fc_batch4/case.json") + ": has no tolerance for grad_bias", e.getMessage());
    }

    @Test
    void negativeToleranceIsRejectedWithTheTensorsName() throws IOException {
        Path copy = ReferenceCopies.withEditedJson(tmp, "layers/fc_batch4/case.json",
                json -> ((ObjectNode) json.get("tolerances").get("output")).put("atol", -1e-5));

        ReferenceDataException e = assertThrows(ReferenceDataException.class, () -> ReferenceSet.load(copy));

        assertEquals(copy.resolve("layers/fc_batch4/case.json")
                + ": tolerance of output needs a finite, non-negative \"atol\" (found -1.0E-5)", e.getMessage());
    }

    @Test
    void toleranceForAnInputIsRejected() throws IOException {
        Path copy = ReferenceCopies.withEditedJson(tmp, "layers/fc_batch4/case.json",
                json -> ((ObjectNode) json.get("tolerances")).set("weight", json.get("tolerances").get("output")));

        ReferenceDataException e = assertThrows(ReferenceDataException.class, () -> ReferenceSet.load(copy));

        assertTrue(e.getMessage().startsWith(copy.resolve("layers/fc_batch4/case.json")
                + ": has a tolerance for weight, which is not one of ["), e.getMessage());
    }

    @Test
    void caseToleranceThatDiffersFromTheManifestIsNamed() throws IOException {
        Path copy = ReferenceCopies.withEditedJson(tmp, "layers/fc_batch4/case.json",
                json -> ((ObjectNode) json.get("tolerances").get("output")).put("atol", 1.0));

        ReferenceDataException e = assertThrows(ReferenceDataException.class, () -> ReferenceSet.load(copy));

        assertTrue(e.getMessage().startsWith(copy.resolve("layers/fc_batch4/case.json")
                + ": tolerances differ from MANIFEST.json's for fc_batch4"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void unknownVisibilityIsNamedInOneLine() throws IOException {
        Path copy = ReferenceCopies.withManifest(tmp, manifest -> manifest.put("visibility", "hidden"));

        ReferenceDataException e = assertThrows(ReferenceDataException.class, () -> ReferenceSet.load(copy));

        assertTrue(e.getMessage().startsWith(copy.resolve("MANIFEST.json") + ": not a valid manifest"), e.getMessage());
        assertTrue(e.getMessage().contains("visibility \"hidden\" is neither \"public\" nor \"private\""), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void missingVisibilityIsNamed() throws IOException {
        Path copy = ReferenceCopies.withManifest(tmp, manifest -> manifest.remove("visibility"));

        ReferenceDataException e = assertThrows(ReferenceDataException.class, () -> ReferenceSet.load(copy));

        assertEquals(copy.resolve("MANIFEST.json") + ": lacks \"visibility\": \"public\" (the handout's set) or \"private\"",
                e.getMessage());
    }

    @Test
    void setOfTheFormerFormatAsksForARegeneration() throws IOException {
        Path copy = ReferenceCopies.withManifest(tmp, manifest -> manifest.put("format_version", 1));

        ReferenceDataException e = assertThrows(ReferenceDataException.class, () -> ReferenceSet.load(copy));

        assertEquals(copy.resolve("MANIFEST.json") + ": format_version 1 is not the supported 2; regenerate the data or "
                + "update the grader", e.getMessage());
    }

    @Test
    void task3WithoutAPreparedDataToleranceIsNamed() throws IOException {
        Path copy = ReferenceCopies.withManifest(tmp, manifest -> ((ObjectNode) manifest.get("tasks").get("task3")).remove("prepared"));

        ReferenceDataException e = assertThrows(ReferenceDataException.class, () -> ReferenceSet.load(copy));

        assertEquals(copy.resolve("MANIFEST.json") + ": task task3 lacks \"prepared\": the tolerance for a submission's "
                + "prepared digits", e.getMessage());
    }

    @Test
    void taskWithoutItsFloat64MeasurementIsNamed() throws IOException {
        Path copy = ReferenceCopies.withManifest(tmp, manifest -> ((ObjectNode) manifest.get("tasks").get("task2")).remove("float64"));

        ReferenceDataException e = assertThrows(ReferenceDataException.class, () -> ReferenceSet.load(copy));

        assertEquals(copy.resolve("MANIFEST.json") + ": task task2 lacks a float64 summed error for its train curve "
                + "(float64.summed_error.train, found null)", e.getMessage());
    }

    @Test
    void manifestListingAFileOutsideTheSetIsRefused() throws IOException {
        Path copy = ReferenceCopies.withManifest(tmp, manifest -> {
            ObjectNode files = (ObjectNode) manifest.get("files");
            files.set("../elsewhere/loss.csv", files.get("task1/loss.csv"));
        });

        ReferenceDataException e = assertThrows(ReferenceDataException.class, () -> ReferenceSet.load(copy));

        assertEquals(copy.resolve("MANIFEST.json") + ": lists ../elsewhere/loss.csv, which is neither in the set nor in "
                + "its digits directory digits", e.getMessage());
    }

    @Test
    void digitsDirectoryFurtherAwayIsRefused() throws IOException {
        Path copy = ReferenceCopies.withManifest(tmp, manifest -> manifest.put("digits_dir", "../../digits"));

        ReferenceDataException e = assertThrows(ReferenceDataException.class, () -> ReferenceSet.load(copy));

        assertEquals(copy.resolve("MANIFEST.json") + ": digits_dir \"../../digits\" is neither a directory of the set nor "
                + "one beside it (digits, ../digits)", e.getMessage());
    }
}
