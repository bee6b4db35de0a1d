package io.cnnhomework.grader.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnhomework.grader.exercise.EpochTrace;
import io.cnnhomework.grader.exercise.LayerInput;
import io.cnnhomework.grader.exercise.LayerKind;
import io.cnnhomework.grader.exercise.LayerOutput;
import io.cnnhomework.grader.exercise.Loop;
import io.cnnhomework.grader.exercise.SubmissionRunner;
import io.cnnhomework.grader.exercise.TaskInput;
import io.cnnhomework.grader.exercise.TaskOutput;
import io.cnnhomework.grader.exercise.TrainingInput;
import io.cnnhomework.grader.exercise.TrainingOutput;
import io.cnnhomework.tensor.Tensor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The child's request loop, run in this JVM with a stand-in for the submission. */
class ChildMainTest {

    private static final TaskInput TASK = new TaskInput("task1", "CustomModel", 5, 2, 3, 1.0, Tensor.zeros(1, 1, 5, 5), new int[] {0},
            Map.of(), null, 1, Loop.NOTEBOOK);
    private static final LayerInput LAYER = new LayerInput("relu_with_zeros", LayerKind.RELU, Map.of(), Map.of("input", Tensor.ones(2)), null);

    private final CappedOutput stdout = new CappedOutput(ChildMain.CAPTURE_BYTES);
    private final CappedOutput stderr = new CappedOutput(ChildMain.CAPTURE_BYTES);
    private final ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();

    @Test
    void answersEachRequestInOrderWithWhatWasPrintedAndEndsAtTheEndOfInput() throws IOException {
        SubmissionRunner runner = new Runner() {
            @Override
            public TaskOutput runTask(TaskInput input) {
                print(stdout, "training " + input.taskId() + "\n");
                return new TaskOutput(new double[] {0.9, 0.8, 0.7}, null, List.of(), null);
            }

            @Override
            public LayerOutput runLayer(LayerInput input) {
                print(stderr, "warning\n");
                return new LayerOutput(Map.of("output", input.tensor("input").mul(2f)), null);
            }
        };
        List<Wire.Response> responses = new ArrayList<>();

        int status = serve(runner, responses, new Wire.Request(5, 0, TASK), new Wire.Request(6, 1000, LAYER));

        assertEquals(0, status);
        assertEquals(2, responses.size());
        assertEquals(5, responses.get(0).sequence());
        assertEquals(3, ((TaskOutput) responses.get(0).outcome()).trainLoss().length);
        assertEquals("training task1\n", responses.get(0).stdout().text());
        assertEquals("", responses.get(0).stderr().text());
        assertEquals(6, responses.get(1).sequence());
        assertEquals(2f, ((LayerOutput) responses.get(1).outcome()).tensors().get("output").get(1));
        assertEquals("", responses.get(1).stdout().text());
        assertEquals("warning\n", responses.get(1).stderr().text());
        assertFalse(responses.get(1).closing());
    }

    @Test
    void outputBeyondTheCapIsCountedNotKept() throws IOException {
        SubmissionRunner runner = new Runner() {
            @Override
            public LayerOutput runLayer(LayerInput input) {
                byte[] line = "y".repeat(1000).getBytes(StandardCharsets.UTF_8);
                for (int i = 0; i < 100; i++) {
                    stdout.write(line, 0, line.length);
                }
                return LayerOutput.failed(null);
            }
        };
        List<Wire.Response> responses = new ArrayList<>();

        serve(runner, responses, new Wire.Request(1, 0, LAYER), new Wire.Request(2, 0, LAYER));

        assertEquals(ChildMain.CAPTURE_BYTES, responses.get(0).stdout().kept().length);
        assertEquals(100_000 - ChildMain.CAPTURE_BYTES, responses.get(0).stdout().dropped());
        assertEquals(ChildMain.CAPTURE_BYTES, responses.get(1).stdout().kept().length, "each request starts afresh");
    }

    @Test
    void anythingThrownBecomesAFailureOfThatRequest() throws IOException {
        SubmissionRunner runner = new Runner() {
            @Override
            public TaskOutput runTask(TaskInput input) {
                throw new StackOverflowError();
            }

            @Override
            public LayerOutput runLayer(LayerInput input) {
                throw new IllegalStateException("broken");
            }
        };
        List<Wire.Response> responses = new ArrayList<>();

        int status = serve(runner, responses, new Wire.Request(1, 0, TASK), new Wire.Request(2, 0, LAYER));

        assertEquals(0, status);
        assertEquals("exception", responses.get(0).outcome().failure().kind().id());
        assertEquals("StackOverflowError",
                responses.get(0).outcome().failure().message().toString());
        assertEquals(0, ((TaskOutput) responses.get(0).outcome()).trainLoss().length);
        assertEquals("IllegalStateException: broken",
                responses.get(1).outcome().failure().message().toString());
    }

    @Test
    void anOverrunningRequestIsReportedAsATimeoutAndEndsTheChild() throws IOException {
        List<Boolean> released = Collections.synchronizedList(new ArrayList<>());
        SubmissionRunner runner = new Runner() {
            @Override
            public LayerOutput runLayer(LayerInput input) {
                while (released.isEmpty()) {
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException swallowed) {
                        // as careless student code does
                    }
                }
                return LayerOutput.failed(null);
            }
        };
        List<Wire.Response> responses = new ArrayList<>();
        try {
            long start = System.nanoTime();
            int status = serve(runner, responses, new Wire.Request(1, 200, LAYER), new Wire.Request(2, 0, LAYER));
            double seconds = (System.nanoTime() - start) / 1e9;

            assertEquals(ChildMain.EXIT_AFTER_TIMEOUT, status);
            assertEquals(1, responses.size(), "nothing after the timeout");
            assertTrue(responses.get(0).closing());
            assertEquals("timeout", responses.get(0).outcome().failure().kind().id());
            assertEquals("relu_with_zeros did not finish within 0.2 s (an endless loop?)",
                    responses.get(0).outcome().failure().message().toString());
            assertTrue(seconds < 2, seconds + " s");
        } finally {
            released.add(true);
        }
    }

    @Test
    void anOutputTooLargeForTheProtocolBecomesAFailure() throws IOException {
        SubmissionRunner runner = new Runner() {
            @Override
            public TaskOutput runTask(TaskInput input) {
                List<EpochTrace> trace = Collections.nCopies(ValueCodec.MAX_COLLECTION + 1, new EpochTrace(null, Map.of(), Map.of()));
                return new TaskOutput(new double[0], null, trace, null);
            }
        };
        List<Wire.Response> responses = new ArrayList<>();

        serve(runner, responses, new Wire.Request(1, 0, TASK));

        assertEquals("task1: what the submission returned exceeds what the grader accepts (trace of 100001 exceeds the limit of 100000)",
                responses.get(0).outcome().failure().message().toString());
        assertEquals("contract", responses.get(0).outcome().failure().kind().id());
        assertTrue(((TaskOutput) responses.get(0).outcome()).trace().isEmpty());
    }

    @Test
    void anUnreadableRequestEndsTheChildWithTheProtocolStatus() {
        InputStream garbage = new ByteArrayInputStream("hello".getBytes(StandardCharsets.US_ASCII));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int status = new ChildMain(garbage, out, stdout, stderr, new Runner(), new PrintStream(diagnostics, true, StandardCharsets.UTF_8))
                .serve();

        assertEquals(ChildMain.EXIT_PROTOCOL, status);
        assertEquals(0, out.size());
        assertTrue(diagnostics.toString(StandardCharsets.UTF_8).startsWith("unreadable request: "), diagnostics.toString());
    }

    @Test
    void anOpenSwitchesToTheNamedSubmissionsRunnerAfterCheckingNothingWasLeftBehind() throws IOException {
        List<String> opened = new ArrayList<>();
        ChildMain.Opener opener = classes -> {
            opened.add(classes.getFileName().toString());
            String name = classes.getFileName().toString();
            return new Runner() {
                @Override
                public LayerOutput runLayer(LayerInput input) {
                    return new LayerOutput(Map.of("output", Tensor.full(name.length(), 1)), null);
                }
            };
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int status = serveFrames(null, opener, Pristine.now(), out, Wire.encode(new Wire.Open(1, "/tmp/a")),
                Wire.encode(new Wire.Request(2, 0, LAYER)), Wire.encode(new Wire.Open(3, "/tmp/bbb")), Wire.encode(new Wire.Request(4, 0, LAYER)));

        assertEquals(0, status, diagnostics.toString(StandardCharsets.UTF_8));
        assertEquals(List.of("a", "bbb"), opened);
        InputStream written = new ByteArrayInputStream(out.toByteArray());
        Wire.Opened first = Wire.readOpened(written);
        assertEquals(1, first.sequence());
        assertTrue(first.switched(), first.refusal());
        assertEquals(1f, ((LayerOutput) Wire.readResponse(written).outcome()).tensors().get("output").item());
        assertTrue(Wire.readOpened(written).switched());
        assertEquals(3f, ((LayerOutput) Wire.readResponse(written).outcome()).tensors().get("output").item(),
                "the second submission's runner answers");
    }

    @Test
    void anOpenAfterASubmissionChangedTheJvmIsRefusedAndTheChildEnds() throws IOException {
        ChildMain.Opener opener = classes -> new Runner() {
            @Override
            public LayerOutput runLayer(LayerInput input) {
                System.setProperty("left.behind.by.a.submission", "yes");
                return new LayerOutput(Map.of("output", Tensor.ones(1)), null);
            }
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            int status = serveFrames(null, opener, Pristine.now(), out, Wire.encode(new Wire.Open(1, "/tmp/a")),
                    Wire.encode(new Wire.Request(2, 0, LAYER)), Wire.encode(new Wire.Open(3, "/tmp/b")),
                    Wire.encode(new Wire.Request(4, 0, LAYER)));

            assertEquals(ChildMain.EXIT_REFUSED, status);
            InputStream written = new ByteArrayInputStream(out.toByteArray());
            assertTrue(Wire.readOpened(written).switched());
            Wire.readResponse(written);
            Wire.Opened refused = Wire.readOpened(written);
            assertEquals(3, refused.sequence());
            assertEquals("system properties changed: left.behind.by.a.submission", refused.refusal());
            assertEquals(0, written.available(), "nothing is answered after the refusal");
            assertTrue(diagnostics.toString(StandardCharsets.UTF_8).contains("refused to serve another submission"));
        } finally {
            System.clearProperty("left.behind.by.a.submission");
        }
    }

    @Test
    void aChildOfOneSubmissionRefusesAnOpenAndARequestBeforeAnyOpenIsAProtocolError() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(ChildMain.EXIT_REFUSED, serveFrames(new Runner(), null, null, out, Wire.encode(new Wire.Open(1, "/tmp/a"))));
        assertEquals("this child serves one submission", Wire.readOpened(new ByteArrayInputStream(out.toByteArray())).refusal());

        ByteArrayOutputStream none = new ByteArrayOutputStream();
        assertEquals(ChildMain.EXIT_PROTOCOL, serveFrames(null, classes -> new Runner(), Pristine.now(), none,
                Wire.encode(new Wire.Request(1, 0, LAYER))));
        assertEquals(0, none.size());
        assertTrue(diagnostics.toString(StandardCharsets.UTF_8).contains("request 1 before any submission was opened"));
    }

    @Test
    void aClassesDirectoryThatCannotBeOpenedIsARefusal() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ChildMain.Opener failing = classes -> {
            throw new IOException("no such directory");
        };

        assertEquals(ChildMain.EXIT_REFUSED, serveFrames(null, failing, Pristine.now(), out, Wire.encode(new Wire.Open(1, "/nowhere"))));

        assertEquals("not a classes directory: /nowhere: no such directory",
                Wire.readOpened(new ByteArrayInputStream(out.toByteArray())).refusal());
    }

    private int serveFrames(SubmissionRunner runner, ChildMain.Opener opener, Pristine pristine, ByteArrayOutputStream out,
            byte[]... frames) throws IOException {
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        for (byte[] frame : frames) {
            in.write(frame);
        }
        return new ChildMain(new ByteArrayInputStream(in.toByteArray()), out, stdout, stderr, runner,
                new PrintStream(diagnostics, true, StandardCharsets.UTF_8), opener, pristine).serve();
    }

    private int serve(SubmissionRunner runner, List<Wire.Response> responses, Wire.Request... requests) throws IOException {
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        for (Wire.Request request : requests) {
            in.write(Wire.encode(request));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = new ChildMain(new ByteArrayInputStream(in.toByteArray()), out, stdout, stderr, runner,
                new PrintStream(diagnostics, true, StandardCharsets.UTF_8)).serve();
        InputStream written = new ByteArrayInputStream(out.toByteArray());
        while (written.available() > 0) {
            responses.add(Wire.readResponse(written));
        }
        assertNull(Wire.readRequest(written));
        return status;
    }

    private static void print(CappedOutput stream, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        stream.write(bytes, 0, bytes.length);
    }

    /** Refuses whatever a test does not override. */
    private static class Runner implements SubmissionRunner {
        @Override
        public TaskOutput runTask(TaskInput input) {
            throw new AssertionError("no task expected");
        }

        @Override
        public LayerOutput runLayer(LayerInput input) {
            throw new AssertionError("no layer case expected");
        }

        @Override
        public TrainingOutput train(TrainingInput input) {
            throw new AssertionError("no training run expected");
        }
    }
}
