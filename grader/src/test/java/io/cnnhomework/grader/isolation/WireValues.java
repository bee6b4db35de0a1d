package io.cnnhomework.grader.isolation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.cnnhomework.grader.exercise.EpochTrace;
import io.cnnhomework.grader.exercise.LayerInput;
import io.cnnhomework.grader.exercise.LayerOutput;
import io.cnnhomework.grader.exercise.TaskInput;
import io.cnnhomework.grader.exercise.TaskOutput;
import io.cnnhomework.grader.exercise.Digits;
import io.cnnhomework.tensor.Tensor;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeSet;

/** Value equality for the records that hold arrays and tensors, bit for bit. */
final class WireValues {

    private WireValues() {
    }

    static void assertTensor(Tensor expected, Tensor actual, String what) {
        if (expected == null) {
            assertNull(actual, what);
            return;
        }
        assertNotNull(actual, what);
        assertArrayEquals(expected.shape(), actual.shape(), what + " shape");
        assertArrayEquals(bits(expected.toArray()), bits(actual.toArray()), what + " data");
    }

    static void assertTensors(Map<String, Tensor> expected, Map<String, Tensor> actual, String what) {
        if (expected == null) {
            assertNull(actual, what);
            return;
        }
        assertNotNull(actual, what);
        assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(actual.keySet()), what + " keys in order");
        expected.forEach((key, value) -> assertTensor(value, actual.get(key), what + "." + key));
    }

    static void assertDoubles(double[] expected, double[] actual, String what) {
        if (expected == null) {
            assertNull(actual, what);
            return;
        }
        assertNotNull(actual, what);
        long[] e = new long[expected.length];
        long[] a = new long[actual.length];
        for (int i = 0; i < e.length; i++) {
            e[i] = Double.doubleToRawLongBits(expected[i]);
        }
        for (int i = 0; i < a.length; i++) {
            a[i] = Double.doubleToRawLongBits(actual[i]);
        }
        assertArrayEquals(e, a, what);
    }

    static void assertTaskInput(TaskInput expected, TaskInput actual) {
        assertEquals(expected.taskId(), actual.taskId());
        assertEquals(expected.modelClass(), actual.modelClass());
        assertEquals(expected.inputSize(), actual.inputSize());
        assertEquals(expected.numClasses(), actual.numClasses());
        assertEquals(expected.epochs(), actual.epochs());
        assertEquals(Double.doubleToRawLongBits(expected.learningRate()), Double.doubleToRawLongBits(actual.learningRate()));
        assertTensor(expected.trainX(), actual.trainX(), "trainX");
        assertArrayEquals(expected.trainLabels(), actual.trainLabels(), "trainLabels");
        assertTensors(expected.initialParams(), actual.initialParams(), "initialParams");
        assertDigits(expected.digits(), actual.digits());
        assertEquals(expected.batchSize(), actual.batchSize());
        assertEquals(expected.loop(), actual.loop());
    }

    static void assertDigits(Digits expected, Digits actual) {
        if (expected == null) {
            assertNull(actual, "digits");
            return;
        }
        assertTensor(expected.pixels(), actual.pixels(), "pixels");
        assertArrayEquals(expected.targets(), actual.targets(), "targets");
        assertArrayEquals(expected.trainIndex(), actual.trainIndex(), "trainIndex");
        assertArrayEquals(expected.valIndex(), actual.valIndex(), "valIndex");
    }

    static void assertTaskOutput(TaskOutput expected, TaskOutput actual) {
        assertDoubles(expected.trainLoss(), actual.trainLoss(), "trainLoss");
        assertDoubles(expected.valLoss(), actual.valLoss(), "valLoss");
        assertTensor(expected.preparedTrainX(), actual.preparedTrainX(), "preparedTrainX");
        assertTensor(expected.preparedValX(), actual.preparedValX(), "preparedValX");
        assertEquals(expected.trace().size(), actual.trace().size(), "trace epochs");
        for (int i = 0; i < expected.trace().size(); i++) {
            EpochTrace e = expected.trace().get(i);
            EpochTrace a = actual.trace().get(i);
            assertTensor(e.logits(), a.logits(), "logits " + i);
            assertTensors(e.params(), a.params(), "params " + i);
            assertTensors(e.grads(), a.grads(), "grads " + i);
        }
        assertEquals(expected.failure(), actual.failure());
    }

    static void assertLayerInput(LayerInput expected, LayerInput actual) {
        assertEquals(expected.caseName(), actual.caseName());
        assertEquals(expected.layer(), actual.layer());
        assertEquals(expected.attributes() == null ? null : new ArrayList<>(expected.attributes().entrySet()),
                actual.attributes() == null ? null : new ArrayList<>(actual.attributes().entrySet()), "attributes in order");
        assertTensors(expected.tensors(), actual.tensors(), "tensors");
        assertArrayEquals(expected.labels(), actual.labels(), "labels");
    }

    static void assertLayerOutput(LayerOutput expected, LayerOutput actual) {
        // a LayerOutput holds an unordered map
        assertEquals(new TreeSet<>(expected.tensors().keySet()), new TreeSet<>(actual.tensors().keySet()), "tensor names");
        expected.tensors().forEach((key, value) -> assertTensor(value, actual.tensors().get(key), key));
        assertEquals(expected.failure(), actual.failure());
    }

    private static int[] bits(float[] values) {
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float.floatToRawIntBits(values[i]);
        }
        return bits;
    }
}
