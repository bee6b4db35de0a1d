package io.cnnhomework.grader.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnhomework.grader.Fixtures;
import io.cnnhomework.grader.exercise.LayerInput;
import io.cnnhomework.grader.exercise.LayerOutput;
import io.cnnhomework.grader.exercise.SubmissionRunner;
import io.cnnhomework.grader.exercise.TaskInput;
import io.cnnhomework.grader.exercise.TaskOutput;
import io.cnnhomework.grader.exercise.TrainingInput;
import io.cnnhomework.grader.exercise.TrainingOutput;
import io.cnnhomework.grader.messages.Messages;
import io.cnnhomework.grader.messages.Text;
import io.cnnhomework.grader.reference.LayerCase;
import io.cnnhomework.grader.reference.ReferenceSet;
import io.cnnhomework.grader.reference.ReferenceTask;
import io.cnnhomework.grader.report.ConsoleReport;
import io.cnnhomework.grader.submission.FailureKind;
import io.cnnhomework.grader.submission.StudentFailure;
import io.cnnhomework.tensor.Tensor;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a failing check and a failing task say: every tensor that differs, and a task's failing
 * layer checks before its own diagnosis.
 */
class FailureMessagesTest {

    private static ReferenceSet reference;

    @BeforeAll
    static void load() {
        reference = ReferenceSet.load(Fixtures.referenceDir());
    }

    private static LayerCase layerCase(String name) {
        return reference.layerCases().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    /** PyTorch's own results, with the named tensors doubled. */
    private static Map<String, Tensor> expectedWithDoubled(LayerCase layerCase, Set<String> doubled) {
        Map<String, Tensor> produced = new HashMap<>();
        layerCase.expected().forEach((name, tensor) -> produced.put(name, doubled.contains(name) ? tensor.mul(2f) : tensor));
        return produced;
    }

    @Test
    void everyTensorThatDiffersIsInTheMessageAndOnItsOwnConsoleLine() {
        LayerCase conv = layerCase("conv_multichannel_stride2_pad1");
        LayerCheck check = LayerParity.check(conv, new LayerOutput(expectedWithDoubled(conv, Set.of("grad_input", "grad_weight")), null));

        String message = check.message().toString();
        assertTrue(message.startsWith("grad_input: "), message);
        assertTrue(message.contains("; grad_weight: "), message);
        assertFalse(message.contains("grad_bias"), message);
        assertTrue(check.message().render(Messages.RUSSIAN).contains("; grad_weight: не совпадают"), "Russian too");

        List<String> lines = Arrays.asList(ConsoleReport.render(new GradeReport(List.of(check), List.of(), List.of()), Locale.ENGLISH)
                .split("\\R"));
        String row = lines.stream().filter(line -> line.startsWith("Conv conv_multichannel_stride2_pad1")).findFirst().orElseThrow();
        assertTrue(row.contains("FAIL") && row.contains("grad_input: ") && !row.contains("grad_weight"), row);
        String next = lines.get(lines.indexOf(row) + 1);
        assertTrue(!next.isBlank() && next.startsWith(" ") && next.strip().startsWith("grad_weight: "), next);
    }

    /** A submission whose cross-entropy and BatchNorm fail their checks, and whose first two tasks fail. */
    private static class BrokenLayers implements SubmissionRunner {

        @Override
        public LayerOutput runLayer(LayerInput input) {
            LayerCase layerCase = layerCase(input.caseName());
            Set<String> wrong = switch (input.caseName()) {
                case "cross_entropy_large_logits" -> Set.of("output");
                case "batchnorm_c3" -> Set.of("grad_input");
                default -> Set.of();
            };
            return new LayerOutput(expectedWithDoubled(layerCase, wrong), null);
        }

        @Override
        public TaskOutput runTask(TaskInput input) {
            ReferenceTask task = reference.task(input.taskId());
            double[] loss = task.trainLoss().clone();
            if (!input.taskId().equals("task3")) {
                loss[0] += 0.1;
            }
            return new TaskOutput(loss, task.valLoss() == null ? null : task.valLoss().clone(), List.of(), null);
        }

        @Override
        public TrainingOutput train(TrainingInput input) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void aFailingTaskNamesTheFailingChecksOfItsOwnLayersFirst() {
        GradeReport report = new Grader(reference).grade(new BrokenLayers());

        String task1 = report.task("task1").message().toString();
        assertTrue(task1.startsWith("CrossEntropyLoss fails its own check (cross_entropy_large_logits): fix it first; summed loss error"),
                task1);
        assertTrue(report.task("task1").message().render(Messages.RUSSIAN)
                .startsWith("не пройдена проверка слоя CrossEntropyLoss (cross_entropy_large_logits): сначала исправьте его; "));
        assertTrue(report.task("task2").message().toString().startsWith(
                "CrossEntropyLoss, BatchNorm2d fail their own checks (cross_entropy_large_logits, batchnorm_c3): fix them first; "),
                report.task("task2").message().toString());
        assertTrue(report.task("task3").passed(), "a task that passes says nothing of the checks");
    }

    @Test
    void nothingIsNamedFirstWhenTheTaskNeverRan() {
        StudentFailure notImplemented = new StudentFailure(FailureKind.NOT_IMPLEMENTED, Text.of("failure.not-implemented", "Conv", ""));
        SubmissionRunner stubs = new BrokenLayers() {
            @Override
            public TaskOutput runTask(TaskInput input) {
                return TaskOutput.failed(notImplemented);
            }
        };

        GradeReport report = new Grader(reference).grade(stubs);

        assertEquals(notImplemented.message(), report.task("task1").message());
    }
}
