package io.cnnhomework.grader.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnhomework.grader.Fixtures;
import io.cnnhomework.grader.submission.SubmissionCompiler;
import java.net.URLClassLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The student's own tests grade as strictly as a batch: homework classes the bytecode policy
 * refuses fail every part before any of them runs, so a shutdown hook or an exit cannot decide
 * the build's outcome.
 */
class HomeworkGradingTest {

    @TempDir
    Path tmp;

    private HomeworkGrading gradingOf(Path submission) throws Exception {
        Path classes = tmp.resolve("classes");
        new SubmissionCompiler().compile(submission, classes).close();
        URLClassLoader loader = SubmissionCompiler.loader(classes);
        return HomeworkGrading.forTestsOf(Class.forName("homework.CustomModel", false, loader));
    }

    @Test
    void homeworkClassesTheBytecodePolicyRefusesFailEveryPartAsRefused() throws Exception {
        Path submission = Fixtures.attacks().stream().filter(a -> a.name().equals("shutdown-hook-halt")).findFirst().orElseThrow()
                .materialise(tmp.resolve("submission"));

        HomeworkGrading grading = gradingOf(submission);
        Verdict task1 = grading.task("task1");
        Verdict conv = grading.layer("Conv");

        assertEquals("policy", task1.parts().get(0).failure());
        assertTrue(task1.parts().get(0).messageInEnglish().startsWith("refused before running: homework.CustomModel.<init> "),
                task1.parts().get(0).messageInEnglish());
        assertTrue(conv.parts().stream().allMatch(part -> "policy".equals(part.failure())), conv.failures());
    }

    @Test
    void homeworkClassesThePolicyAcceptsAreGraded() throws Exception {
        HomeworkGrading grading = gradingOf(Fixtures.KNOWN_GOOD);

        assertTrue(grading.task("task1").passed());
    }
}
