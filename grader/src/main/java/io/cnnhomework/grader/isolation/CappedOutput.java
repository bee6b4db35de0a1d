package io.cnnhomework.grader.isolation;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * An output stream that keeps the first bytes written to it, up to a fixed cap, and only counts
 * the rest: writing never blocks and never grows memory beyond the cap, however much is written.
 * Thread-safe, since student threads may print concurrently.
 */
final class CappedOutput extends OutputStream {

    private final byte[] kept;
    private int size;
    private long dropped;

    /** @param cap how many bytes to keep */
    CappedOutput(int cap) {
        this.kept = new byte[cap];
    }

    @Override
    public synchronized void write(int b) {
        if (size < kept.length) {
            kept[size++] = (byte) b;
        } else {
            dropped++;
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        int n = Math.min(length, kept.length - size);
        System.arraycopy(bytes, offset, kept, size, n);
        size += n;
        dropped += length - n;
    }

    /**
     * Writes a line of text, UTF-8.
     *
     * @param line the text, without its line break
     */
    void println(String line) {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        write(bytes, 0, bytes.length);
    }

    /**
     * Counts bytes that were never offered, as dropped.
     *
     * @param count bytes lost elsewhere, not negative
     */
    synchronized void drop(long count) {
        dropped += count;
    }

    /** @return what was kept and dropped since the last drain, and starts afresh */
    synchronized Wire.Captured drain() {
        Wire.Captured captured = new Wire.Captured(Arrays.copyOf(kept, size), dropped);
        size = 0;
        dropped = 0;
        return captured;
    }

    /** @return the kept bytes as UTF-8 text */
    synchronized String text() {
        return new String(kept, 0, size, StandardCharsets.UTF_8);
    }

    /** @return how many bytes were not kept */
    synchronized long dropped() {
        return dropped;
    }
}
