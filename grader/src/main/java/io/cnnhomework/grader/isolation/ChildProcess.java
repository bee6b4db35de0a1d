package io.cnnhomework.grader.isolation;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One child JVM running {@link ChildMain}: its pipes, and a thread draining its standard error
 * into the messages of the runner it currently serves.
 */
final class ChildProcess {

    /** How long a child gets to finish exiting before and after it is killed. */
    static final long EXIT_WAIT_MS = 5_000;

    final Process process;
    final OutputStream requests;
    final InputStream responses;
    /** This child's own messages on its standard error. */
    final CappedOutput messages = new CappedOutput(ChildJvmRunner.JVM_MESSAGE_BYTES);
    final Thread drain;
    /** The messages of the runner this child serves now. */
    private volatile CappedOutput owner;
    /** Submissions this child was opened for, the first included. */
    private int submissions = 1;

    private ChildProcess(Process process, CappedOutput owner) {
        this.process = process;
        this.owner = owner;
        this.requests = new BufferedOutputStream(process.getOutputStream(), 1 << 16);
        this.responses = new BufferedInputStream(process.getInputStream(), 1 << 16);
        this.drain = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (InputStream err = process.getErrorStream()) {
                for (int n; (n = err.read(buffer)) >= 0; ) {
                    messages.write(buffer, 0, n);
                    this.owner.write(buffer, 0, n);
                }
            } catch (IOException e) {
                // the child is gone
            }
        }, "child-jvm-stderr");
        drain.setDaemon(true);
        drain.start();
    }

    /**
     * @param command the child's command line
     * @param owner where its standard error goes besides its own messages
     * @return the running child
     * @throws UncheckedIOException if it cannot be started
     */
    static ChildProcess start(List<String> command, CappedOutput owner) {
        try {
            return new ChildProcess(new ProcessBuilder(command).start(), owner);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the child JVM: " + String.join(" ", command), e);
        }
    }

    /**
     * Hands the child to the runner of another submission.
     *
     * @param runnerMessages where its standard error goes from now on
     */
    void serve(CappedOutput runnerMessages) {
        owner = runnerMessages;
        submissions++;
    }

    /** @return submissions this child was opened for */
    int submissions() {
        return submissions;
    }

    /** Writes a frame and reads its answer; runs on an I/O thread. */
    <T> T exchange(byte[] frame, Reader<T> answer) throws IOException {
        try {
            requests.write(frame);
            requests.flush();
        } catch (IOException e) {
            throw new EOFException("the child stopped reading: " + e.getMessage());
        }
        return answer.read(responses);
    }

    /** Reads one answer frame. */
    interface Reader<T> {
        T read(InputStream in) throws IOException;
    }

    /**
     * Closes its input, so that it ends on its own, and waits for that.
     *
     * @param waitMs how long it may take
     * @return whether it ended with status 0 in time
     */
    boolean endInput(long waitMs) {
        try {
            requests.close();
            return process.waitFor(waitMs, TimeUnit.MILLISECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false; // already gone
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Kills the child and everything it started, and closes its pipes. */
    void kill() {
        kill(process, requests, responses);
    }

    /**
     * Kills a process and everything it started (the descendants found first, while they are
     * still its), waits up to {@link #EXIT_WAIT_MS} for it to end, and closes its pipes.
     *
     * @param process the process
     * @param pipes our ends of its standard streams
     */
    static void kill(Process process, Closeable... pipes) {
        List<ProcessHandle> family = new ArrayList<>();
        process.descendants().forEach(family::add);
        process.destroyForcibly();
        family.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(EXIT_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Closeable pipe : pipes) {
            try {
                pipe.close();
            } catch (IOException e) {
                // the pipes are gone with the process
            }
        }
    }
}
