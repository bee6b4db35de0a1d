package homework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cnnhomework.grader.api.HomeworkGrading;
import io.cnnhomework.grader.api.Verdict;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Grades the classes of this module exactly as {@code scripts/grader grade} does, in the order a
 * student works: first each layer on PyTorch's autograd cases, then the three tasks, whose loss
 * curves must match PyTorch's (summed absolute error below 1e-3). A summary table is printed at
 * the end and written to {@code target/grade.json}, and Allure results to
 * {@code target/allure-results}.
 *
 * <p>Run one part alone with a JUnit tag: {@code -Dgroups=conv} (or {@code fc}, {@code relu},
 * {@code softmax}, {@code cross-entropy}, {@code batchnorm}, {@code avgpool}, {@code sgd},
 * {@code layers}, {@code task1}, {@code task2}, {@code task3}, {@code tasks}, and for the optional
 * task {@code maxpool}, {@code optimizers}, {@code own-network}, {@code optional}). Messages in
 * Russian: {@code -Dgrader.lang=ru}.
 *
 * <p>The optional task's tests are skipped while its classes are the template's stubs, so that
 * they never fail a student who did not take it on; once begun they must pass. The own network is
 * trained with the optimizer comparison; {@code -Dhomework.compare=false} trains it alone.
 *
 * <p>With {@code -Dhomework.expect=stubs} (the default in the repository that ships this
 * template, whose stubs are untouched) each test instead asserts that its part fails as not
 * implemented, with a one-line message.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HomeworkTest {

    private static final boolean EXPECT_STUBS = "stubs".equals(System.getProperty("homework.expect"));

    private static HomeworkGrading grading;

    @BeforeAll
    static void loadReference() {
        grading = HomeworkGrading.forTestsOf(HomeworkTest.class);
    }

    @AfterAll
    static void summarise() throws IOException {
        grading.finish(System.out);
    }

    @Test
    @Order(1)
    @Tag("layers")
    @Tag("conv")
    @DisplayName("Conv: forward, dX, dW, db on stride, padding and several channels")
    void conv() {
        checkLayer("Conv");
    }

    @Test
    @Order(2)
    @Tag("layers")
    @Tag("fc")
    @DisplayName("Fc: forward, dX, dW, db")
    void fc() {
        checkLayer("Fc");
    }

    @Test
    @Order(3)
    @Tag("layers")
    @Tag("relu")
    @DisplayName("ReLU: forward and backward, derivative 0 at 0")
    void relu() {
        checkLayer("ReLU");
    }

    @Test
    @Order(4)
    @Tag("layers")
    @Tag("softmax")
    @DisplayName("Softmax on large logits")
    void softmax() {
        checkLayer("Softmax");
    }

    @Test
    @Order(5)
    @Tag("layers")
    @Tag("cross-entropy")
    @DisplayName("CrossEntropyLoss: mean loss and deltaL on large logits")
    void crossEntropy() {
        checkLayer("CrossEntropyLoss");
    }

    @Test
    @Order(6)
    @Tag("layers")
    @Tag("batchnorm")
    @DisplayName("BatchNorm2d: train and eval mode, gradients, running statistics")
    void batchNorm() {
        checkLayer("BatchNorm2d");
    }

    @Test
    @Order(7)
    @Tag("layers")
    @Tag("avgpool")
    @DisplayName("AvgPool: forward and backward, window larger than the stride")
    void avgPool() {
        checkLayer("AvgPool");
    }

    @Test
    @Order(8)
    @Tag("layers")
    @Tag("sgd")
    @DisplayName("SGD: one step")
    void sgd() {
        checkLayer("SGD");
    }

    @Test
    @Order(11)
    @Tag("tasks")
    @Tag("task1")
    @DisplayName("Task 1: Conv, ReLU, Fc, CrossEntropyLoss, SGD train like TorchGradientModel")
    void task1() {
        checkTask("task1");
    }

    @Test
    @Order(12)
    @Tag("tasks")
    @Tag("task2")
    @DisplayName("Task 2: BatchNorm2d and AvgPool added, trains like TorchGradientModel2")
    void task2() {
        checkTask("task2");
    }

    @Test
    @Order(13)
    @Tag("tasks")
    @Tag("task3")
    @DisplayName("Task 3: CustomModel2 on the digits trains like PyTorch")
    void task3() {
        checkTask("task3");
    }

    @Test
    @Order(21)
    @Tag("optional")
    @Tag("maxpool")
    @DisplayName("Optional: MaxPool2d forward and backward, ties to the first maximum")
    void maxPool() {
        checkOptionalLayers("MaxPool2d");
    }

    @Test
    @Order(22)
    @Tag("optional")
    @Tag("optimizers")
    @DisplayName("Optional: SGD with momentum and weight decay, Adam, AdamW step as torch.optim")
    void optimizers() {
        checkOptionalLayers("SGD", "Adam", "AdamW");
    }

    @Test
    @Order(23)
    @Tag("optional")
    @Tag("own-network")
    @DisplayName("Optional: OwnNetwork reaches 97 % validation accuracy on the whole digits set")
    void ownNetwork() {
        boolean compare = Boolean.parseBoolean(System.getProperty("homework.compare", "true"));
        Verdict own = grading.ownNetwork(compare);
        if (EXPECT_STUBS) {
            assertStubs(own);
            return;
        }
        assumeTrue(own.attempted(), "optional task not attempted: OwnNetwork is the template's stub");
        assertTrue(own.passed(), own.failures());
    }

    /** The optional task's cases of these layers; skipped while they are all stubs. */
    private static void checkOptionalLayers(String... layers) {
        Verdict verdict = grading.optionalLayers(layers);
        if (EXPECT_STUBS) {
            assertStubs(verdict);
            return;
        }
        assumeTrue(verdict.attempted(), "optional task not attempted: " + verdict.name() + " are the template's stubs");
        assertTrue(verdict.passed(), verdict.failures());
    }

    private static void checkLayer(String layer) {
        assertVerdict(grading.layer(layer));
    }

    private static void checkTask(String id) {
        assertVerdict(grading.task(id));
    }

    private static void assertVerdict(Verdict verdict) {
        if (EXPECT_STUBS) {
            assertStubs(verdict);
        } else {
            assertTrue(verdict.passed(), verdict.failures());
        }
    }

    /** In the repository that ships the template: every part fails as not implemented, in one line. */
    private static void assertStubs(Verdict verdict) {
        for (Verdict.Part part : verdict.parts()) {
            String rendered = part.messageInEnglish();
            assertFalse(part.passed(), part.name() + " passed although the template is untouched");
            assertEquals("not-implemented", part.failure(), rendered);
            assertTrue(rendered.startsWith("not implemented: "), rendered);
            assertFalse(rendered.contains("\n"), "one line, no stack trace: " + rendered);
        }
    }
}
