package io.cnnhomework.grader.isolation;

import io.cnnhomework.grader.exercise.LayerOutput;
import io.cnnhomework.grader.exercise.TaskInput;
import io.cnnhomework.grader.exercise.TaskOutput;
import java.io.BufferedInputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Child JVMs that break the protocol in ways real student code cannot easily arrange, each a
 * {@code main} that {@link ChildJvmRunner} starts in place of {@link ChildMain}.
 */
final class StandInChildren {

    private StandInChildren() {
    }

    /** Reads a request, then never answers and ignores everything. */
    static final class Silent {
        public static void main(String[] args) throws IOException, InterruptedException {
            Wire.readRequest(new BufferedInputStream(new FileInputStream(FileDescriptor.in)));
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    /** Answers every request with bytes that are no frame, and stays alive. */
    static final class Garbage {
        public static void main(String[] args) throws IOException, InterruptedException {
            InputStream in = new BufferedInputStream(new FileInputStream(FileDescriptor.in));
            OutputStream out = new FileOutputStream(FileDescriptor.out);
            while (Wire.readRequest(in) != null) {
                out.write("Hello from the submission!\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    /** Answers with a well-formed frame carrying another request's sequence number. */
    static final class WrongSequence {
        public static void main(String[] args) throws IOException {
            InputStream in = new BufferedInputStream(new FileInputStream(FileDescriptor.in));
            OutputStream out = new FileOutputStream(FileDescriptor.out);
            for (Wire.Request request; (request = (Wire.Request) Wire.readRequest(in)) != null; ) {
                out.write(Wire.encode(answer(request, request.sequence() + 1)));
                out.flush();
            }
        }
    }

    /** Answers a layer case with a task's output. */
    static final class WrongType {
        public static void main(String[] args) throws IOException {
            InputStream in = new BufferedInputStream(new FileInputStream(FileDescriptor.in));
            OutputStream out = new FileOutputStream(FileDescriptor.out);
            for (Wire.Request request; (request = (Wire.Request) Wire.readRequest(in)) != null; ) {
                out.write(Wire.encode(new Wire.Response(request.sequence(), false, TaskOutput.failed(null), null, null)));
                out.flush();
            }
        }
    }

    /** Claims more epochs than the task has, as only a tampered child could. */
    static final class TooManyEpochs {
        public static void main(String[] args) throws IOException {
            InputStream in = new BufferedInputStream(new FileInputStream(FileDescriptor.in));
            OutputStream out = new FileOutputStream(FileDescriptor.out);
            for (Wire.Request request; (request = (Wire.Request) Wire.readRequest(in)) != null; ) {
                double[] losses = new double[((TaskInput) request.job()).epochs() + 1];
                out.write(Wire.encode(new Wire.Response(request.sequence(), false, new TaskOutput(losses, null, null, null),
                        null, null)));
                out.flush();
            }
        }
    }

    private static Wire.Response answer(Wire.Request request, long sequence) {
        return request.job() instanceof TaskInput
                ? new Wire.Response(sequence, false, TaskOutput.failed(null), null, null)
                : new Wire.Response(sequence, false, LayerOutput.failed(null), null, null);
    }
}
