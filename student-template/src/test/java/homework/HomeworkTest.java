package homework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnhomework.grader.grading.Grader;
import io.cnnhomework.grader.grading.InProcessRunner;
import io.cnnhomework.grader.grading.TaskGrade;
import io.cnnhomework.grader.grading.TimeLimitedRunner;
import io.cnnhomework.grader.reference.ReferenceSet;
import io.cnnhomework.grader.submission.Homework;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Grades the classes of this module exactly as {@code scripts/grader grade} does: each task is
 * trained from PyTorch's initial weights and its loss curve compared with PyTorch's; a task passes
 * when the summed absolute error over the epochs is below 1e-3.
 *
 * <p>Run one task alone with {@code -Dgroups=task1} (or task2, task3).
 *
 * <p>With {@code -Dhomework.expect=stubs} (the default in the repository that ships this
 * template, whose stubs are untouched) each test instead asserts that its task fails as not
 * implemented, with a message and without a stack trace.
 */
class HomeworkTest {

    private static Grader grader;
    private static TimeLimitedRunner runner;

    @BeforeAll
    static void loadReference() {
        Path reference = Path.of(System.getProperty("reference.dir", "../reference-data"));
        grader = new Grader(ReferenceSet.load(reference));
        runner = new TimeLimitedRunner(new InProcessRunner(new Homework(HomeworkTest.class.getClassLoader())),
                Duration.ofSeconds(60));
    }

    @Test
    @Tag("task1")
    @DisplayName("Task 1: Conv, ReLU, Fc, CrossEntropyLoss, SGD train like TorchGradientModel")
    void task1() {
        check(grader.grade("task1", runner));
    }

    @Test
    @Tag("task2")
    @DisplayName("Task 2: BatchNorm2d and AvgPool added, trains like TorchGradientModel2")
    void task2() {
        check(grader.grade("task2", runner));
    }

    @Test
    @Tag("task3")
    @DisplayName("Task 3: CustomModel2 on the digits trains like PyTorch")
    void task3() {
        check(grader.grade("task3", runner));
    }

    private static void check(TaskGrade grade) {
        if ("stubs".equals(System.getProperty("homework.expect"))) {
            assertFalse(grade.passed(), grade.id() + " passed although the template is untouched");
            assertEquals("not-implemented", grade.failureKind(), grade.message().toString());
            assertTrue(grade.message().toString().startsWith("not implemented: "), grade.message().toString());
            assertFalse(grade.message().toString().contains("\n"), "one line, no stack trace: " + grade.message());
        } else {
            assertTrue(grade.passed(), grade.id() + ": " + grade.message());
        }
    }
}
