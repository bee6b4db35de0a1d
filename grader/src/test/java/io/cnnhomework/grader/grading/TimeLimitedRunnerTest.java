package io.cnnhomework.grader.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.cnnhomework.tensor.Tensor;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimeLimitedRunnerTest {

    private static final TaskInput INPUT = new TaskInput("task1", "CustomModel", 5, 2, 3, 1.0, Tensor.zeros(1, 1, 5, 5),
            new int[] {0}, Map.of(), null, 1);

    @Test
    void endlessTaskBecomesATimeoutFailure() {
        TaskRunner endless = input -> {
            while (true) {
                Thread.onSpinWait();
            }
        };

        TaskOutput output = new TimeLimitedRunner(endless, Duration.ofMillis(200)).run(INPUT);

        assertEquals("timeout", output.failure().kind());
        assertEquals("task1 did not finish within 0.2 s (infinite loop?)", output.failure().message());
        assertEquals(0, output.trainLoss().length);
    }

    @Test
    void finishedTaskIsPassedThrough() {
        TaskOutput done = new TaskOutput(new double[] {1, 2, 3}, null, null, null);

        assertSame(done, new TimeLimitedRunner(input -> done, Duration.ofSeconds(5)).run(INPUT));
    }
}
