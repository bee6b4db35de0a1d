package io.cnnhomework.grader.batch;

import io.cnnhomework.grader.report.Inert;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Finds the submissions of a batch: every subdirectory and every {@code .zip} of a directory is
 * one submission, named by its file name (without {@code .zip}) in Unicode NFC; that name is the
 * student id. Archives are unpacked by {@link SubmissionArchive}.
 */
public final class Submissions {

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
                    found.add(new Submission(Normalizer.normalize(name, Normalizer.Form.NFC), entry));
                } else if (name.toLowerCase(Locale.ROOT).endsWith(".zip")) {
                    found.add(new Submission(Normalizer.normalize(name.substring(0, name.length() - 4), Normalizer.Form.NFC), entry));
                }
            }
        }
        found.sort(Comparator.comparing(Submission::id));
        // Two submissions with one id (a folder and a zip, names differing in case only, or the NFC
        // and NFD spellings of one name, which look identical) would share their output folders and
        // gradebook row: refuse rather than grade one over the other.
        Map<String, List<String>> byId = new TreeMap<>();
        found.forEach(s -> byId.computeIfAbsent(s.id().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                .add(shown(s.source().getFileName().toString())));
        List<String> clashes = byId.values().stream().filter(names -> names.size() > 1).map(names -> String.join(" and ", names)).toList();
        if (!clashes.isEmpty()) {
            throw new IOException(Inert.terminal(dir.toString()) + ": submissions share a student id: " + String.join("; ", clashes) + "; rename or remove one of each");
        }
        return found;
    }

    /**
     * @param name a file name from the submissions folder
     * @return it as the terminal may show it, followed by its spelling in ASCII when it is not
     *     plain ASCII, so that two names that look alike can be told apart
     */
    static String shown(String name) {
        String ascii = Inert.ascii(name);
        return ascii.equals(name) ? name : Inert.terminal(name) + " (" + ascii + ")";
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
}
