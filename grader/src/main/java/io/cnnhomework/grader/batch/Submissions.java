package io.cnnhomework.grader.batch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Finds the submissions of a batch: every subdirectory and every {@code .zip} of a directory is
 * one submission, named by its file name (without {@code .zip}); that name is the student id.
 * Archives are unpacked with limits, since they come from students.
 */
public final class Submissions {

    /** Most entries an archive may hold. */
    static final int MAX_ENTRIES = 10_000;
    /** Most bytes an archive may unpack to. */
    static final long MAX_UNPACKED_BYTES = 50L * 1024 * 1024;

    private Submissions() {
    }

    /**
     * One submission.
     *
     * @param id the student id
     * @param source the directory or archive
     */
    public record Submission(String id, Path source) {

        /** @return whether it is a zip archive */
        public boolean isArchive() {
            return source.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip");
        }
    }

    /**
     * @param dir the batch's directory
     * @return its submissions sorted by id
     * @throws IOException if the directory cannot be listed
     */
    public static List<Submission> list(Path dir) throws IOException {
        List<Submission> found = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path entry : entries.sorted().toList()) {
                String name = entry.getFileName().toString();
                if (name.startsWith(".")) {
                    continue;
                }
                if (Files.isDirectory(entry)) {
                    found.add(new Submission(name, entry));
                } else if (name.toLowerCase(Locale.ROOT).endsWith(".zip")) {
                    found.add(new Submission(name.substring(0, name.length() - 4), entry));
                }
            }
        }
        found.sort(Comparator.comparing(Submission::id));
        // Two submissions with one id (a folder and a zip, or names differing in case only) would
        // share their output folders and gradebook row: refuse rather than grade one over the other.
        Map<String, List<String>> byId = new TreeMap<>();
        found.forEach(s -> byId.computeIfAbsent(s.id().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                .add(s.source().getFileName().toString()));
        List<String> clashes = byId.values().stream().filter(names -> names.size() > 1).map(names -> String.join(" and ", names)).toList();
        if (!clashes.isEmpty()) {
            throw new IOException(dir + ": submissions share a student id: " + String.join("; ", clashes) + "; rename or remove one of each");
        }
        return found;
    }

    /**
     * @param submissions all submissions
     * @param shard this shard, from 1
     * @param shards how many shards there are
     * @return the submissions of this shard: those whose id hashes to it, so that a shard keeps its
     *     submissions when others are added
     */
    public static List<Submission> shard(List<Submission> submissions, int shard, int shards) {
        return submissions.stream().filter(s -> Math.floorMod(s.id().hashCode(), shards) == shard - 1).toList();
    }

    /**
     * Unpacks an archive into an empty directory, refusing paths that leave it and archives larger
     * than the limits.
     *
     * @param archive the zip file
     * @param target where to unpack
     * @throws IOException if it cannot be read, or breaks a limit (the message says which)
     */
    public static void unzip(Path archive, Path target) throws IOException {
        Path root = target.toAbsolutePath().normalize();
        Files.createDirectories(root);
        long total = 0;
        int entries = 0;
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(archive))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (++entries > MAX_ENTRIES) {
                    throw new IOException(archive.getFileName() + " holds more than " + MAX_ENTRIES + " entries");
                }
                Path out = root.resolve(entry.getName()).normalize();
                if (!out.startsWith(root)) {
                    throw new IOException(archive.getFileName() + " has an entry outside the archive: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                long remaining = MAX_UNPACKED_BYTES - total;
                long written = Files.copy(limited(zip, remaining + 1), out, StandardCopyOption.REPLACE_EXISTING);
                total += written;
                if (total > MAX_UNPACKED_BYTES) {
                    throw new IOException(archive.getFileName() + " unpacks to more than " + MAX_UNPACKED_BYTES / (1024 * 1024) + " MB");
                }
            }
        }
    }

    private static InputStream limited(InputStream in, long limit) {
        return new InputStream() {
            private long left = limit;

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int b = in.read();
                if (b >= 0) {
                    left--;
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int n = in.read(buffer, offset, (int) Math.min(length, left));
                if (n > 0) {
                    left -= n;
                }
                return n;
            }
        };
    }
}
