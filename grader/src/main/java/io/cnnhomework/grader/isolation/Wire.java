package io.cnnhomework.grader.isolation;

import static io.cnnhomework.grader.isolation.ValueCodec.MAX_STRING_BYTES;
import static io.cnnhomework.grader.isolation.ValueCodec.readBytes;
import static io.cnnhomework.grader.isolation.ValueCodec.readCount;
import static io.cnnhomework.grader.isolation.ValueCodec.writeCount;

import io.cnnhomework.grader.exercise.Job;
import io.cnnhomework.grader.exercise.LayerInput;
import io.cnnhomework.grader.exercise.Outcome;
import io.cnnhomework.grader.exercise.TaskInput;
import io.cnnhomework.grader.exercise.TaskOutput;
import io.cnnhomework.grader.exercise.TrainingInput;
import io.cnnhomework.grader.exercise.LayerOutput;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The frames of the protocol between the grader and its child JVM.
 *
 * <p>A frame is {@code int} {@link #MAGIC_VERSION}, a type byte ({@link #RUN_TASK}, {@link
 * #RUN_LAYER}, {@link #RUN_TRAINING}, {@link #OPEN}, {@link #TASK_DONE}, {@link #LAYER_DONE},
 * {@link #TRAINING_DONE}, {@link #OPENED}), the {@code long} sequence number of the request
 * (echoed by its response), then the payload ({@link GradingCodec}, in {@link ValueCodec}'s
 * encodings):
 *
 * <ul>
 *   <li>request: {@code int} time limit in milliseconds (0: none), then the {@link Job};
 *   <li>response: {@code boolean} whether the child ends after it, {@code boolean} whether it
 *       is broken ({@link Response#broken()}), the {@link Outcome}, then what
 *       the submission printed on {@code System.out} and {@code System.err} since the previous
 *       request ({@link Captured});
 *   <li>{@link Open}: the classes directory of the submission the following requests are for;
 *   <li>{@link Opened}: why the child refuses to switch ({@code ""}: it switched).
 * </ul>
 *
 * <p>A frame longer than {@link #MAX_FRAME_BYTES} is rejected, and a truncated or malformed one
 * ends in an {@link IOException} naming what was wrong.
 */
final class Wire {

    /** "CNN" and protocol version 4 (4: a child may grade one submission after another). */
    static final int MAGIC_VERSION = 0x434E4E04;

    /** Request: train one task. */
    static final byte RUN_TASK = 1;
    /** Request: run one layer case. */
    static final byte RUN_LAYER = 2;
    /** Response to {@link #RUN_TASK}. */
    static final byte TASK_DONE = 3;
    /** Response to {@link #RUN_LAYER}. */
    static final byte LAYER_DONE = 4;
    /** Request: one training run of the optional task. */
    static final byte RUN_TRAINING = 5;
    /** Response to {@link #RUN_TRAINING}. */
    static final byte TRAINING_DONE = 6;

    /** Request: the following requests are for another submission ({@link Open}). */
    static final byte OPEN = 7;
    /** Response to {@link #OPEN} ({@link Opened}). */
    static final byte OPENED = 8;

    /** Longest classes directory an {@link Open} carries, in bytes of UTF-8. */
    static final int MAX_PATH_BYTES = 1 << 12;

    /** Longest frame, in bytes. */
    static final long MAX_FRAME_BYTES = 128L << 20;

    private Wire() {
    }

    /**
     * A request to the child: one job.
     *
     * @param sequence numbers the request; the response must carry the same
     * @param limitMillis how long the child lets the submission run before it reports a timeout
     *     and ends itself; 0 for no limit
     * @param job the task, layer case or training run
     */
    record Request(long sequence, int limitMillis, Job job) implements ToChild {

        /** A job and a limit that is not negative. */
        Request {
            Objects.requireNonNull(job, "job");
            if (limitMillis < 0) {
                throw new IllegalArgumentException("negative time limit " + limitMillis);
            }
        }

        /** @return the frame type of the job */
        byte type() {
            return job instanceof TaskInput ? RUN_TASK : job instanceof LayerInput ? RUN_LAYER : RUN_TRAINING;
        }
    }

    /** What the grader sends the child: a {@link Request} or an {@link Open}. */
    sealed interface ToChild permits Request, Open {

        /** @return the number its answer must carry */
        long sequence();
    }

    /**
     * Tells a child that serves one submission after another which submission's classes the
     * next requests are for.
     *
     * @param sequence numbers the request; the {@link Opened} must carry the same
     * @param classesDir the submission's compiled classes, an absolute path
     */
    record Open(long sequence, String classesDir) implements ToChild {

        /** A directory named in at most {@link #MAX_PATH_BYTES} bytes. */
        Open {
            Objects.requireNonNull(classesDir, "classes directory");
            if (classesDir.isEmpty() || classesDir.getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
                throw new IllegalArgumentException("a classes directory of 1 to " + MAX_PATH_BYTES + " bytes, not "
                        + classesDir.getBytes(StandardCharsets.UTF_8).length);
            }
        }
    }

    /**
     * The child's answer to an {@link Open}.
     *
     * @param sequence the request's number
     * @param refusal why the child cannot serve another submission (what an earlier one left
     *     changed, {@link Pristine}), after which it ends; {@code ""} when it switched
     */
    record Opened(long sequence, String refusal) {

        /** A refusal, {@code ""} for "switched"; a long one is shortened on the wire. */
        Opened {
            Objects.requireNonNull(refusal, "refusal");
        }

        /** @return whether the child now serves the submission */
        boolean switched() {
            return refusal.isEmpty();
        }
    }

    /**
     * What the submission printed on one stream: at most {@link ValueCodec#MAX_STRING_BYTES} bytes kept, and
     * how many more were dropped.
     *
     * @param kept the first bytes, UTF-8
     * @param dropped bytes not kept, never negative
     */
    record Captured(byte[] kept, long dropped) {

        /** Nothing printed. */
        static final Captured NONE = new Captured(new byte[0], 0);

        /** Checks the caps. */
        public Captured {
            if (kept.length > MAX_STRING_BYTES || dropped < 0) {
                throw new IllegalArgumentException("captured output of " + kept.length + " bytes kept and " + dropped
                        + " dropped: at most " + MAX_STRING_BYTES + " kept, none negative");
            }
        }

        /** @return the kept bytes as text */
        public String text() {
            return new String(kept, StandardCharsets.UTF_8);
        }
    }

    /**
     * The child's answer to one request.
     *
     * @param sequence the request's number
     * @param closing whether the child ends right after this response (it does after a timeout,
     *     since the overrunning thread cannot be stopped, and when it is {@code broken})
     * @param broken whether the job failed on a class outside the submission that this JVM can no
     *     longer initialise (checked in the child, not taken from the failure's text): something
     *     that ran in the JVM before broke it
     * @param outcome what the job computed
     * @param stdout what the submission printed on {@code System.out} since the previous request
     * @param stderr the same for {@code System.err}
     */
    record Response(long sequence, boolean closing, boolean broken, Outcome outcome, Captured stdout, Captured stderr) {

        /** An outcome; missing captured output is empty; a broken child closes. */
        Response {
            Objects.requireNonNull(outcome, "outcome");
            stdout = stdout == null ? Captured.NONE : stdout;
            stderr = stderr == null ? Captured.NONE : stderr;
            if (broken && !closing) {
                throw new IllegalArgumentException("a broken child must close");
            }
        }

        /** A response of a child that is not broken. */
        Response(long sequence, boolean closing, Outcome outcome, Captured stdout, Captured stderr) {
            this(sequence, closing, false, outcome, stdout, stderr);
        }

        /** @return the frame type of the outcome */
        byte type() {
            return outcome instanceof TaskOutput ? TASK_DONE : outcome instanceof LayerOutput ? LAYER_DONE : TRAINING_DONE;
        }

        /**
         * @param request the request this response answers
         * @return whether the outcome is of the kind the request's job produces
         */
        boolean answers(Request request) {
            return type() == request.type() + 2;
        }
    }

    /**
     * @param request the request
     * @return its frame, complete, so that a value that cannot be written leaves the stream intact
     * @throws IllegalArgumentException if a value exceeds a cap
     */
    static byte[] encode(Request request) {
        return frame(request.type(), request.sequence(), out -> {
            out.writeInt(request.limitMillis());
            GradingCodec.writeJob(out, request.job());
        });
    }

    /**
     * @param open the switch to another submission
     * @return its frame, complete
     */
    static byte[] encode(Open open) {
        return frame(OPEN, open.sequence(), out -> ValueCodec.writeString(out, open.classesDir()));
    }

    /**
     * @param opened the answer to an {@link Open}
     * @return its frame, complete
     */
    static byte[] encode(Opened opened) {
        return frame(OPENED, opened.sequence(), out -> ValueCodec.writeString(out, ValueCodec.shortened(opened.refusal())));
    }

    /**
     * @param response the response
     * @return its frame, complete
     * @throws IllegalArgumentException if a value exceeds a cap
     */
    static byte[] encode(Response response) {
        return frame(response.type(), response.sequence(), out -> {
            out.writeBoolean(response.closing());
            out.writeBoolean(response.broken());
            GradingCodec.writeOutcome(out, response.outcome());
            writeCaptured(out, response.stdout());
            writeCaptured(out, response.stderr());
        });
    }

    /**
     * Reads one request frame.
     *
     * @param in the stream, positioned at a frame boundary; read no further than the frame
     * @return the {@link Request} or {@link Open}, or {@code null} when the stream ends cleanly
     *     before a frame begins
     * @throws IOException if the frame is truncated, malformed or too long
     */
    static ToChild readRequest(InputStream in) throws IOException {
        return readRequest(in, MAX_FRAME_BYTES);
    }

    static ToChild readRequest(InputStream in, long maxFrameBytes) throws IOException {
        return readFrame(in, maxFrameBytes, "request", null, (type, data) -> {
            if (type != RUN_TASK && type != RUN_LAYER && type != RUN_TRAINING && type != OPEN) {
                throw new IOException("unexpected frame type " + type + " where a request (" + RUN_TASK + ", " + RUN_LAYER + ", "
                        + RUN_TRAINING + " or " + OPEN + ") belongs");
            }
            long sequence = data.readLong();
            if (type == OPEN) {
                String directory = ValueCodec.readString(data);
                if (directory == null) {
                    throw new IOException("an open request without a classes directory");
                }
                return new Open(sequence, directory);
            }
            int limit = data.readInt();
            if (limit < 0) {
                throw new IOException("negative time limit " + limit);
            }
            Job job = switch (type) {
                case RUN_TASK -> GradingCodec.readTaskInput(data);
                case RUN_LAYER -> GradingCodec.readLayerInput(data);
                default -> GradingCodec.readTrainingInput(data);
            };
            return new Request(sequence, limit, job);
        });
    }

    /**
     * Reads one response frame.
     *
     * @param in the stream, positioned at a frame boundary
     * @return the response
     * @throws EOFException if the stream ends before or inside the frame
     * @throws IOException if the frame is malformed or too long
     */
    static Response readResponse(InputStream in) throws IOException {
        return readResponse(in, MAX_FRAME_BYTES);
    }

    static Response readResponse(InputStream in, long maxFrameBytes) throws IOException {
        return readFrame(in, maxFrameBytes, "response", "the stream ended where a response frame belongs", (type, data) -> {
            if (type != TASK_DONE && type != LAYER_DONE && type != TRAINING_DONE) {
                throw new IOException("unexpected frame type " + type + " where a response (" + TASK_DONE + ", " + LAYER_DONE + " or "
                        + TRAINING_DONE + ") belongs");
            }
            long sequence = data.readLong();
            boolean closing = data.readBoolean();
            boolean broken = data.readBoolean();
            Outcome outcome = switch (type) {
                case TASK_DONE -> GradingCodec.readTaskOutput(data);
                case LAYER_DONE -> GradingCodec.readLayerOutput(data);
                default -> GradingCodec.readTrainingOutput(data);
            };
            return new Response(sequence, closing, broken, outcome, readCaptured(data), readCaptured(data));
        });
    }

    /**
     * Reads the answer to an {@link Open}.
     *
     * @param in the stream, positioned at a frame boundary
     * @return the answer
     * @throws EOFException if the stream ends before or inside the frame
     * @throws IOException if the frame is malformed, too long or another response
     */
    static Opened readOpened(InputStream in) throws IOException {
        return readFrame(in, MAX_FRAME_BYTES, "open answer", "the stream ended where the answer to an open request belongs", (type, data) -> {
            if (type != OPENED) {
                throw new IOException("unexpected frame type " + type + " where the answer to an open request (" + OPENED + ") belongs");
            }
            long sequence = data.readLong();
            String refusal = ValueCodec.readString(data);
            if (refusal == null) {
                throw new IOException("an open answer without its refusal");
            }
            return new Opened(sequence, refusal);
        });
    }

    /** Reads a frame's body, given its type, once the header checks out. */
    private interface FrameReader<T> {
        T read(byte type, DataInputStream in) throws IOException;
    }

    /**
     * Reads one frame: its header, then its body with {@code body}, no further than {@code
     * maxFrameBytes}.
     *
     * @param what the kind of frame, for the messages
     * @param ended the message of the {@link EOFException} when the stream ends before the frame;
     *     {@code null} to return {@code null} then
     */
    private static <T> T readFrame(InputStream in, long maxFrameBytes, String what, String ended, FrameReader<T> body)
            throws IOException {
        int first = in.read();
        if (first < 0) {
            if (ended == null) {
                return null;
            }
            throw new EOFException(ended);
        }
        DataInputStream data = new DataInputStream(new FrameLimit(in, maxFrameBytes));
        return decode(what, () -> body.read(header(first, data), data));
    }

    private static byte header(int first, DataInput in) throws IOException {
        int magic = (first << 24) | (in.readUnsignedByte() << 16) | in.readUnsignedShort();
        if (magic != MAGIC_VERSION) {
            throw new IOException(String.format("bad frame header 0x%08x (expected 0x%08x): not this protocol, or another version",
                    magic, MAGIC_VERSION));
        }
        return in.readByte();
    }

    private static void writeCaptured(DataOutput out, Captured captured) throws IOException {
        writeCount(out, captured.kept().length, MAX_STRING_BYTES, "captured output");
        out.write(captured.kept());
        out.writeLong(captured.dropped());
    }

    private static Captured readCaptured(DataInput in) throws IOException {
        int length = readCount(in, MAX_STRING_BYTES, "captured output", false);
        byte[] kept = readBytes(in, length, "captured output");
        long dropped = in.readLong();
        if (dropped < 0) {
            throw new IOException("captured output reports " + dropped + " dropped bytes");
        }
        return new Captured(kept, dropped);
    }

    private interface Body {
        void write(DataOutput out) throws IOException;
    }

    private interface Decoding<T> {
        T read() throws IOException;
    }

    /** A frame: the header ({@link #MAGIC_VERSION}, type, sequence number), then the body. */
    private static byte[] frame(byte type, long sequence, Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 12);
        try {
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(MAGIC_VERSION);
            out.writeByte(type);
            out.writeLong(sequence);
            body.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException("a byte array cannot fail", e);
        }
        if (bytes.size() > MAX_FRAME_BYTES) {
            throw new IllegalArgumentException("frame of " + bytes.size() + " bytes exceeds " + MAX_FRAME_BYTES);
        }
        return bytes.toByteArray();
    }

    private static <T> T decode(String what, Decoding<T> decoding) throws IOException {
        try {
            return decoding.read();
        } catch (EOFException e) {
            throw e.getMessage() != null && e.getMessage().startsWith("truncated") ? e
                    : new EOFException("truncated frame: the stream ended inside a " + what);
        } catch (IOException e) {
            throw new IOException("malformed " + what + " frame: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // a value the records refuse (a shape and data that disagree, a null where none may be)
            throw new IOException("malformed " + what + " frame: " + e, e);
        }
    }

    /** Ends a frame that grows beyond its limit, and never reads past what is asked. */
    private static final class FrameLimit extends FilterInputStream {

        private final long max;
        private long remaining;

        /** @param max the frame's limit; its first byte is already read */
        FrameLimit(InputStream in, long max) {
            super(in);
            this.max = max;
            this.remaining = max - 1;
        }

        @Override
        public int read() throws IOException {
            check(1);
            int b = super.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            check(length);
            int n = super.read(buffer, offset, (int) Math.min(length, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }

        private void check(int wanted) throws IOException {
            if (wanted > 0 && remaining <= 0) {
                throw new IOException("frame exceeds " + max + " bytes");
            }
        }

        @Override
        public void close() {
            // the underlying stream carries the next frames
        }
    }
}
