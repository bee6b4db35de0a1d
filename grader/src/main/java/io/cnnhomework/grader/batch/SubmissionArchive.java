package io.cnnhomework.grader.batch;

import io.cnnhomework.grader.report.Inert;
import io.cnnhomework.grader.submission.SourceTree;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Unpacks a submission's zip as students make them (Windows' built-in zip and 7-Zip with CP866
 * names, macOS Finder with {@code __MACOSX/}, tools that write backslashes; names decoded by
 * {@link ZipNames}), within limits, since the archive comes from a student: no entry outside the
 * target, at most {@value #MAX_ENTRIES} entries, {@value #MAX_MEGABYTES} MB unpacked and an archive
 * of at most {@value #MAX_MEGABYTES} MB. What tools leave beside the sources ({@link
 * SourceTree#toolLeftover(String)}) and symbolic links are not unpacked, and are listed.
 */
public final class SubmissionArchive {

    /** Most entries an archive may hold. */
    static final int MAX_ENTRIES = 10_000;
    /** Most megabytes an archive may be, and may unpack to. */
    static final int MAX_MEGABYTES = 50;
    /** Most bytes an archive may unpack to. */
    static final long MAX_UNPACKED_BYTES = MAX_MEGABYTES * 1024L * 1024;

    private SubmissionArchive() {
    }

    /**
     * The archive is the submission's fault: not a zip, damaged, hostile or over a limit. The
     * message names the archive and the entry.
     */
    public static final class UnreadableArchiveException extends IOException {

        private static final long serialVersionUID = 1L;

        UnreadableArchiveException(String message) {
            super(message);
        }
    }

    /**
     * Unpacks an archive into an empty directory.
     *
     * @param archive the zip file
     * @param target where to unpack
     * @return what was not unpacked, as {@link SourceTree#ignored()} lists it
     * @throws UnreadableArchiveException if the archive cannot be read or breaks a limit
     * @throws IOException if the target cannot be written (the grader's side)
     */
    public static List<String> unpack(Path archive, Path target) throws IOException {
        String name = Inert.terminal(archive.getFileName().toString());
        if (Files.size(archive) > MAX_UNPACKED_BYTES) {
            throw new UnreadableArchiveException(name + " is larger than " + MAX_MEGABYTES + " MB");
        }
        Path root = Files.createDirectories(target.toAbsolutePath().normalize());
        Set<String> ignored = new TreeSet<>();
        List<ZipArchiveEntry> entries;
        ZipFile zip;
        try {
            // Names are decoded by ZipNames from the raw bytes; the library's own guess is not used.
            zip = ZipFile.builder().setPath(archive).setUseUnicodeExtraFields(false).get();
        } catch (IOException | RuntimeException e) {
            throw new UnreadableArchiveException(name + " is not a readable zip archive: " + e.getMessage());
        }
        try (zip) {
            entries = Collections.list(zip.getEntries());
            if (entries.size() > MAX_ENTRIES) {
                throw new UnreadableArchiveException(name + " holds more than " + MAX_ENTRIES + " entries");
            }
            long total = 0;
            for (ZipArchiveEntry entry : entries) {
                String entryName = ZipNames.decode(entry);
                String shown = Inert.terminal(entryName);
                if (entryName.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                    throw new UnreadableArchiveException(name + " has an entry whose name holds a control character: " + shown);
                }
                String relative = stripLeadingSlashes(entryName);
                Path out = root.resolve(entryName).normalize();
                if (!out.startsWith(root) || relative.isEmpty() && !entry.isDirectory()) {
                    throw new UnreadableArchiveException(name + " has an entry outside the archive: " + shown);
                }
                if (relative.isEmpty() || out.equals(root)) {
                    continue;
                }
                String leftover = SourceTree.toolLeftover(relative + (entry.isDirectory() ? "/x" : ""));
                if (leftover != null) {
                    ignored.add(leftover);
                    continue;
                }
                if (entry.isUnixSymlink()) {
                    ignored.add(relative);
                    continue;
                }
                if (entry.isDirectory()) {
                    directories(out, name, shown);
                    continue;
                }
                directories(out.getParent(), name, shown);
                if (Files.isDirectory(out, LinkOption.NOFOLLOW_LINKS)) {
                    throw new UnreadableArchiveException(name + " has an entry that is both a file and a folder: " + shown);
                }
                total += copy(zip, entry, out, MAX_UNPACKED_BYTES - total, name, shown);
            }
        }
        return new ArrayList<>(ignored);
    }

    private static String stripLeadingSlashes(String name) {
        int start = 0;
        while (start < name.length() && name.charAt(start) == '/') {
            start++;
        }
        String stripped = name.substring(start);
        return stripped.endsWith("/") ? stripped.substring(0, stripped.length() - 1) : stripped;
    }

    private static void directories(Path dir, String archive, String entry) throws IOException {
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            throw new UnreadableArchiveException(archive + " has an entry that is both a file and a folder: " + entry);
        }
    }

    /**
     * Copies one entry, telling a damaged archive (reading fails) from a full disk (writing fails).
     *
     * @return the bytes written
     */
    private static long copy(ZipFile zip, ZipArchiveEntry entry, Path out, long allowed, String archive, String shown)
            throws IOException {
        byte[] buffer = new byte[1 << 16];
        long written = 0;
        InputStream in;
        try {
            in = zip.getInputStream(entry);
        } catch (IOException | RuntimeException e) {
            throw new UnreadableArchiveException(archive + ": entry " + shown + " cannot be read: " + e.getMessage());
        }
        try (in; OutputStream file = Files.newOutputStream(out)) {
            while (true) {
                int n;
                try {
                    n = in.read(buffer);
                } catch (IOException | RuntimeException e) {
                    throw new UnreadableArchiveException(archive + ": entry " + shown + " is damaged: " + e.getMessage());
                }
                if (n < 0) {
                    return written;
                }
                written += n;
                if (written > allowed) {
                    throw new UnreadableArchiveException(archive + " unpacks to more than " + MAX_MEGABYTES + " MB");
                }
                file.write(buffer, 0, n);
            }
        }
    }
}
