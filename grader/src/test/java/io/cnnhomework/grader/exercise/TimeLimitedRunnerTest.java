package io.cnnhomework.grader.exercise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnhomework.tensor.Tensor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class TimeLimitedRunnerTest {

    private static final TaskInput TASK = new TaskInput("task1", "CustomModel", 5, 2, 3, 1.0, Tensor.zeros(1, 1, 5, 5),
            new int[] {0}, Map.of(), null, 1, Loop.NOTEBOOK);
    private static final LayerInput LAYER = new LayerInput("relu_with_zeros", LayerKind.RELU, Map.of(), Map.of(), null);
    private static final TrainingInput TRAINING = new TrainingInput("own", null, Tensor.zeros(1, 1, 8, 8), new int[] {0},
            Tensor.zeros(1, 1, 8, 8), 10, 0, null, null);

    /** Never returns, and ignores interrupts; parks rather than spins, so as not to slow the other tests. */
    private static final SubmissionRunner ENDLESS = new SubmissionRunner() {
        @Override
        public TaskOutput runTask(TaskInput input) {
            while (true) {
                LockSupport.parkNanos(1_000_000_000L);
            }
        }

        @Override
        public LayerOutput runLayer(LayerInput input) {
            while (true) {
                LockSupport.parkNanos(1_000_000_000L);
            }
        }

        @Override
        public TrainingOutput train(TrainingInput input) {
            while (true) {
                LockSupport.parkNanos(1_000_000_000L);
            }
        }
    };

    @Test
    void endlessTaskBecomesATimeoutFailure() {
        TaskOutput output = new TimeLimitedRunner(ENDLESS, Duration.ofMillis(200)).runTask(TASK);

        assertEquals("timeout", output.failure().kind().id());
        assertEquals("task1 did not finish within 0.2 s (an endless loop?)", output.failure().message().toString());
        assertEquals(0, output.trainLoss().length);
    }

    @Test
    void endlessLayerCaseBecomesATimeoutFailure() {
        LayerOutput output = new TimeLimitedRunner(ENDLESS, Duration.ofMillis(200)).runLayer(LAYER);

        assertEquals("timeout", output.failure().kind().id());
        assertEquals(Map.of(), output.tensors());
    }

    @Test
    void endlessTrainingRunHasItsOwnLimit() {
        TrainingOutput output = new TimeLimitedRunner(ENDLESS, Duration.ofSeconds(60), Duration.ofMillis(200)).train(TRAINING);

        assertEquals("timeout", output.failure().kind().id());
        assertEquals("optional-own did not finish within 0.2 s (an endless loop?)", output.failure().message().toString());
        assertEquals(0, output.trainLoss().length);
    }

    @Test
    void finishedWorkIsPassedThrough() {
        TaskOutput done = new TaskOutput(new double[] {1, 2, 3}, null, List.of(), null);
        LayerOutput layer = new LayerOutput(Map.of("output", Tensor.zeros(1)), null);
        TrainingOutput training = new TrainingOutput(1, 1, 10, "homework.Adam", new double[] {0.5}, List.of(), 0.1, null);
        SubmissionRunner quick = new SubmissionRunner() {
            @Override
            public TaskOutput runTask(TaskInput input) {
                return done;
            }

            @Override
            public LayerOutput runLayer(LayerInput input) {
                return layer;
            }

            @Override
            public TrainingOutput train(TrainingInput input) {
                return training;
            }
        };

        assertSame(done, new TimeLimitedRunner(quick, Duration.ofSeconds(5)).runTask(TASK));
        assertSame(layer, new TimeLimitedRunner(quick, Duration.ofSeconds(5)).runLayer(LAYER));
        assertSame(training, new TimeLimitedRunner(quick, Duration.ofSeconds(5)).train(TRAINING));
    }

    /** Takes 300 ms per request: under any request's limit, over a budget of a second after four. */
    private static final SubmissionRunner SLOW = new SubmissionRunner() {
        @Override
        public TaskOutput runTask(TaskInput input) {
            LockSupport.parkNanos(300_000_000L);
            return new TaskOutput(new double[] {1, 2, 3}, null, null, null, List.of(), null);
        }

        @Override
        public LayerOutput runLayer(LayerInput input) {
            LockSupport.parkNanos(300_000_000L);
            return new LayerOutput(Map.of(), null);
        }

        @Override
        public TrainingOutput train(TrainingInput input) {
            throw new UnsupportedOperationException();
        }
    };

    @Test
    void requestsThatEachStayUnderTheirLimitStopAtTheBudget() {
        TimeLimitedRunner runner = new TimeLimitedRunner(SLOW, Duration.ofSeconds(5), Duration.ofSeconds(5), new TimeBudget(Duration.ofSeconds(1)));

        List<LayerOutput> outputs = List.of(runner.runLayer(LAYER), runner.runLayer(LAYER), runner.runLayer(LAYER), runner.runLayer(LAYER),
                runner.runLayer(LAYER), runner.runLayer(LAYER));

        assertEquals(null, outputs.get(0).failure());
        LayerOutput last = outputs.get(5);
        assertEquals("timeout", last.failure().kind().id());
        assertEquals("relu_with_zeros was stopped: the submission used up its time budget of 1.0 s for all layer checks and tasks",
                last.failure().message().toString());
    }

    @Test
    void whatAStudentsExceptionDoesWhenDescribedHappensUnderTheLimit() {
        SubmissionRunner throwsHangingException = tasksOnly(input -> {
            throw new IllegalStateException("asked where, it hangs") {
                private static final long serialVersionUID = 1L;

                @Override
                public StackTraceElement[] getStackTrace() {
                    while (true) {
                        LockSupport.parkNanos(1_000_000_000L);
                    }
                }
            };
        });

        long start = System.nanoTime();
        TaskOutput output = new TimeLimitedRunner(throwsHangingException, Duration.ofMillis(300)).runTask(TASK);

        assertEquals("timeout", output.failure().kind().id());
        assertTrue((System.nanoTime() - start) / 1e9 < 30);
    }

    @Test
    void theLimitedThreadHasTheChildJvmsStack() {
        int[] depth = new int[1];
        SubmissionRunner recursive = tasksOnly(input -> {
            depth[0] = recurse(30_000);
            return new TaskOutput(new double[0], null, null, null, List.of(), null);
        });

        TaskOutput output = new TimeLimitedRunner(recursive, Duration.ofSeconds(30)).runTask(TASK);

        assertEquals(null, output.failure());
        assertEquals(30_000, depth[0]);
    }

    /** A runner of tasks alone, the rest not expected. */
    private static SubmissionRunner tasksOnly(Function<TaskInput, TaskOutput> task) {
        return new SubmissionRunner() {
            @Override
            public TaskOutput runTask(TaskInput input) {
                return task.apply(input);
            }

            @Override
            public LayerOutput runLayer(LayerInput input) {
                throw new UnsupportedOperationException();
            }

            @Override
            public TrainingOutput train(TrainingInput input) {
                throw new UnsupportedOperationException();
            }
        };
    }

    private static int recurse(int n) {
        return n == 0 ? 0 : 1 + recurse(n - 1);
    }
}
