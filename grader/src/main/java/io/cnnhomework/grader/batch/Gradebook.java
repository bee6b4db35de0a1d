package io.cnnhomework.grader.batch;

import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.RFC4180ParserBuilder;
import com.opencsv.CSVWriter;
import com.opencsv.exceptions.CsvException;
import io.cnnhomework.grader.report.AtomicFiles;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The batch's gradebook: one row per submission, kept in a CSV file that is rewritten atomically
 * after every change, so that a crash or Ctrl-C leaves a complete file behind. Safe to update from
 * several grading threads.
 */
public final class Gradebook {

    /** The gradebook's file name in a batch's output directory. */
    public static final String FILE_NAME = "gradebook.csv";

    private final Path file;
    private final Map<String, GradebookRow> rows = new TreeMap<>();
    /** Whether the file has a points column per check and task, for an LMS's rubric. */
    private boolean pointColumns;

    private Gradebook(Path file) {
        this.file = file;
    }

    /**
     * @param file the CSV file; need not exist
     * @return an empty gradebook that will be written there
     */
    public static Gradebook empty(Path file) {
        return new Gradebook(file);
    }

    /**
     * @param file an existing gradebook CSV
     * @return its rows, to be written back to the same file
     * @throws IOException if it cannot be read or is not a gradebook (the message names the file and line)
     */
    public static Gradebook read(Path file) throws IOException {
        Gradebook gradebook = new Gradebook(file);
        // Exactly what CSVWriter wrote: RFC 4180 (opencsv's default parser takes a backslash, as in
        // a Windows path or an escaped control character, for an escape and drops it), carriage
        // returns inside fields kept (an id may begin with one); only a file saved again with
        // Windows line ends has them turned back into plain ones.
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int firstLineEnd = text.indexOf('\n');
        if (firstLineEnd > 0 && text.charAt(firstLineEnd - 1) == '\r') {
            text = text.replace("\r\n", "\n");
        }
        try (Reader reader = new StringReader(text); CSVReader csv = new CSVReaderBuilder(reader)
                .withCSVParser(new RFC4180ParserBuilder().build()).withKeepCarriageReturn(true).build()) {
            List<String[]> lines = csv.readAll();
            if (lines.isEmpty()) {
                throw new IOException(file + ": an empty file, not a gradebook");
            }
            List<String> header = List.of(lines.get(0));
            try {
                GradebookRow.tasksOf(header);
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": " + e.getMessage(), e);
            }
            gradebook.pointColumns = !GradebookRow.pointsOf(header).isEmpty();
            for (int i = 1; i < lines.size(); i++) {
                try {
                    GradebookRow row = GradebookRow.fromCsv(header, lines.get(i));
                    gradebook.rows.put(row.id(), row);
                } catch (IllegalArgumentException e) {
                    throw new IOException(file + ": line " + (i + 1) + ": " + e.getMessage(), e);
                }
            }
        } catch (CsvException | IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(file.toString())) {
                throw (IOException) e;
            }
            throw new IOException(file + ": not a readable gradebook: " + e.getMessage(), e);
        }
        return gradebook;
    }

    /**
     * @param enabled whether the file gets one column per layer check and task with the points it
     *     earned ({@code points_conv_task1}, ..., {@code points_task3}), for an LMS's rubric; a
     *     gradebook read with such columns keeps them
     * @return this gradebook
     */
    public synchronized Gradebook withPointColumns(boolean enabled) {
        pointColumns |= enabled;
        return this;
    }

    /**
     * @param id a student id
     * @return its row, if any
     */
    public synchronized Optional<GradebookRow> row(String id) {
        return Optional.ofNullable(rows.get(id));
    }

    /** @return every row, sorted by id */
    public synchronized List<GradebookRow> rows() {
        return List.copyOf(rows.values());
    }

    /**
     * Adds or replaces a row and rewrites the file.
     *
     * @param row the row
     * @throws IOException if the file cannot be written
     */
    public synchronized void put(GradebookRow row) throws IOException {
        rows.put(row.id(), row);
        write();
    }

    /**
     * Adds or replaces rows and rewrites the file once.
     *
     * @param changed the rows
     * @throws IOException if the file cannot be written
     */
    public synchronized void putAll(List<GradebookRow> changed) throws IOException {
        changed.forEach(row -> rows.put(row.id(), row));
        write();
    }

    /**
     * Adds every row of another gradebook.
     *
     * @param other a gradebook, e.g. of another shard
     * @throws IllegalArgumentException when both hold a finished row for the same id with
     *     different content
     */
    public synchronized void merge(Gradebook other) {
        for (GradebookRow row : other.rows()) {
            GradebookRow mine = rows.get(row.id());
            if (mine == null || !mine.finished()) {
                rows.put(row.id(), row);
            } else if (row.finished() && !Arrays.equals(graded(mine), graded(row))) {
                throw new IllegalArgumentException("submission " + row.id() + " is graded in two gradebooks with different results (one of"
                        + " them " + other.file + ")");
            }
        }
        pointColumns |= other.pointColumns;
    }

    /**
     * A row's fields without its wall time, which differs between two gradings of the same code,
     * and without the similarity, which depends on the other submissions of its batch.
     */
    private static String[] graded(GradebookRow row) {
        String[] fields = row.toCsv();
        List<String> header = GradebookRow.header(row.taskScores().length);
        for (String column : List.of("seconds", "max_similarity", "most_similar_to")) {
            fields[header.indexOf(column)] = "";
        }
        return fields;
    }

    /** The checks and tasks with a points column: those of the first row that has points, in its order. */
    private List<String> pointNames() {
        if (!pointColumns) {
            return List.of();
        }
        return rows.values().stream().filter(row -> !row.points().isEmpty()).findFirst()
                .map(row -> List.copyOf(row.points().keySet())).orElse(List.of());
    }

    /** The tasks of the rows, three (the homework's) while there are none. */
    private int tasks() {
        return rows.isEmpty() ? 3 : rows.values().iterator().next().taskScores().length;
    }

    /**
     * Writes the file atomically.
     *
     * @throws IOException if it cannot be written
     */
    public synchronized void write() throws IOException {
        List<String[]> lines = new ArrayList<>();
        List<String> points = pointNames();
        lines.add(GradebookRow.header(tasks(), points).toArray(String[]::new));
        rows.values().forEach(row -> lines.add(row.toCsv(points)));
        AtomicFiles.write(file, out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            CSVWriter csv = new CSVWriter(writer);
            csv.writeAll(lines);
            csv.flush();
        });
    }
}
