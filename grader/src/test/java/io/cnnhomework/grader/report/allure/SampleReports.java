package io.cnnhomework.grader.report.allure;

import io.cnnhomework.grader.GradedFixtures;
import io.cnnhomework.grader.exercise.LayerKind;
import io.cnnhomework.grader.grading.GradeReport;
import io.cnnhomework.grader.grading.Hint;
import io.cnnhomework.grader.grading.LayerCheck;
import io.cnnhomework.grader.grading.TaskGrade;
import io.cnnhomework.grader.grading.TensorComparison;
import io.cnnhomework.grader.grading.Tolerance;
import io.cnnhomework.grader.messages.Text;
import io.cnnhomework.grader.submission.FailureKind;
import io.cnnhomework.tensor.Tensor;
import java.util.List;
import java.util.Map;

/** Grade reports for the Allure tests: one built by hand with every kind of verdict, and real gradings. */
final class SampleReports {

    private SampleReports() {
    }

    /**
     * Three checks (passed, wrong values with a hint, not implemented) and three tasks (passed;
     * not implemented; task 3 with the validation curve off, a NaN in it, and a divergence).
     */
    static GradeReport handMade() {
        Tensor output = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2);
        LayerCheck conv = new LayerCheck("conv_task1", LayerKind.CONV,
                Map.of("input shape", "[2, 1, 5, 5]", "weight shape", "[4, 1, 5, 5]", "stride", "1", "padding", "0"),
                List.of(TensorComparison.compare("output", output, output, Tolerance.LAYER),
                        TensorComparison.compare("grad_input", output, output, Tolerance.LAYER)),
                true, 1, Text.of("layer.passed", 2), null, null, false);
        TensorComparison gradWeight = TensorComparison.compare("grad_weight", output,
                Tensor.of(new float[] {4, 8, 12, 16}, 2, 2), Tolerance.LAYER);
        LayerCheck fc = new LayerCheck("fc_batch4", LayerKind.FC, Map.of("input shape", "[4, 6]", "batch", "4"),
                List.of(TensorComparison.compare("output", output, output, Tolerance.LAYER), gradWeight),
                false, 0.5, gradWeight.describe(), Hint.of("grad-not-divided", "grad_weight", 4), null, false);
        LayerCheck softmax = new LayerCheck("softmax_large_logits", LayerKind.SOFTMAX, Map.of("input shape", "[2, 2]"),
                List.of(TensorComparison.compare("output", output, null, Tolerance.LAYER)),
                false, 0, Text.of("failure.not-implemented", "Softmax.forward", ""), null, FailureKind.NOT_IMPLEMENTED, false);

        TaskGrade task1 = new TaskGrade("task1", true, 5.77e-8, new double[] {0.936, 0.71, 0.52},
                new double[] {0.936, 0.71, 0.52}, null, null, Double.NaN,
                Text.of("task.passed", "5.77e-08", "1.00e-03"), null, null, null);
        TaskGrade task2 = new TaskGrade("task2", false, Double.NaN, new double[] {0.8, 0.6, 0.4}, new double[0], null, null,
                Double.NaN, Text.of("failure.not-implemented", "BatchNorm2d.forward", ""), null, null, FailureKind.NOT_IMPLEMENTED);
        TaskGrade task3 = new TaskGrade("task3", false, 3.01e-6, new double[] {2.3, 2.1, 1.9}, new double[] {2.3, 2.1, 1.9},
                new double[] {2.31, 2.2, 2.0}, new double[] {2.31, Double.NaN, 2.5}, Double.POSITIVE_INFINITY,
                Text.of("task.val-missing"), Text.of("divergence.none", 2), null, null);
        return new GradeReport(List.of(conv, fc, softmax), List.of(task1, task2, task3), List.of());
    }

    /** @return the known-good submission graded with the shipped reference, once per JVM */
    static GradeReport knownGood() {
        return GradedFixtures.knownGood();
    }

    /** @return the untouched template graded, once per JVM */
    static GradeReport template() {
        return GradedFixtures.template();
    }
}
