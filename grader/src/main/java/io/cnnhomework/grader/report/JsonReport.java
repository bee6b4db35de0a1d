package io.cnnhomework.grader.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cnnhomework.grader.grading.GradeReport;
import io.cnnhomework.grader.grading.TaskGrade;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The machine-readable report:
 * {@code {"passed": bool, "tasks": [{"id", "passed", "summed_error", "expected", "actual",
 * "message", ...}], "compile_errors": [...]}}. Values that are not finite are written as
 * {@code null}, since JSON has no NaN.
 */
public final class JsonReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    /**
     * @param report the grading result
     * @return the JSON tree
     */
    public static ObjectNode toJson(GradeReport report) {
        ObjectNode root = JSON.createObjectNode();
        root.put("passed", report.allPassed());
        ArrayNode tasks = root.putArray("tasks");
        for (TaskGrade task : report.tasks()) {
            ObjectNode node = tasks.addObject();
            node.put("id", task.id());
            node.put("passed", task.passed());
            number(node, "summed_error", task.summedError());
            numbers(node.putArray("expected"), task.expected());
            numbers(node.putArray("actual"), task.actual());
            if (task.expectedVal() != null) {
                numbers(node.putArray("expected_val"), task.expectedVal());
                numbers(node.putArray("actual_val"), task.actualVal() == null ? new double[0] : task.actualVal());
                number(node, "val_summed_error", task.valSummedError());
            }
            node.put("message", task.message());
            if (task.failureKind() != null) {
                node.put("failure", task.failureKind());
            }
        }
        ArrayNode errors = root.putArray("compile_errors");
        report.compileErrors().forEach(errors::add);
        return root;
    }

    /**
     * Writes the report atomically: a reader never sees half a file.
     *
     * @param report the grading result
     * @param file where to write it
     * @throws IOException if it cannot be written
     */
    public static void write(GradeReport report, Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        Path temporary = Files.createTempFile(dir, absolute.getFileName().toString(), ".tmp");
        try {
            JSON.writeValue(temporary.toFile(), toJson(report));
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void number(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.putNull(field);
        }
    }

    private static void numbers(ArrayNode array, double[] values) {
        for (double value : values) {
            if (Double.isFinite(value)) {
                array.add(value);
            } else {
                array.addNull();
            }
        }
    }
}
