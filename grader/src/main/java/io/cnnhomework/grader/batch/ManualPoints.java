package io.cnnhomework.grader.batch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.opencsv.CSVParserBuilder;
import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.exceptions.CsvException;
import io.cnnhomework.grader.report.JsonReport;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The instructor's points and comments given by hand (for the written answer, or anything else
 * graded by reading), from a CSV file: a header naming the columns {@code id}, {@code points} and
 * optionally {@code comment} (any order, any case; other columns are ignored), then one line per
 * student. Comma or semicolon separated (as a spreadsheet in a Russian locale writes it), UTF-8
 * with or without a byte order mark; points are a number with a decimal point or comma, or empty
 * when there is only a comment. They go into the gradebook and the per-submission report beside
 * the automatic score, never into it.
 *
 * <p>A student whose line has neither points nor a comment has them cleared; a student without a
 * line keeps what an earlier run gave. Ids match the submissions' ids in any case (a batch refuses
 * two ids that differ only in case).
 */
public final class ManualPoints {

    /** A decimal number as people type it: {@code 4}, {@code -1}, {@code 2.5}, {@code .5}, {@code 3.}; no NaN, infinity or hex. */
    private static final Pattern NUMBER = Pattern.compile("[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]{1,3})?");

    /** One student's manual grade. */
    private record Entry(String id, int line, double points, String comment) {
    }

    private final Path file;
    private final Map<String, Entry> byId;

    private ManualPoints(Path file, Map<String, Entry> byId) {
        this.file = file;
        this.byId = byId;
    }

    /**
     * @param file the CSV file
     * @return its points and comments
     * @throws IOException if it cannot be read or a line is bad; the message is one line naming the
     *     file and the line
     */
    public static ManualPoints read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such file (--manual takes a CSV of id,points,comment)");
        }
        char separator = separator(file);
        Map<String, Entry> byId = new LinkedHashMap<>();
        try (BufferedReader text = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVReader csv = new CSVReaderBuilder(text).withCSVParser(new CSVParserBuilder().withSeparator(separator).build()).build()) {
            String[] header = csv.readNext();
            if (header == null) {
                throw new IOException(file + ": an empty file; the first line names the columns id,points,comment");
            }
            Map<String, Integer> columns = columns(file, header);
            long before = csv.getLinesRead();
            for (String[] fields = csv.readNext(); fields != null; fields = csv.readNext()) {
                int line = (int) before + 1;
                before = csv.getLinesRead();
                if (blank(fields)) {
                    continue;
                }
                if (fields.length != header.length) {
                    throw new IOException(file + ":" + line + ": " + fields.length + " fields, the header has " + header.length);
                }
                Entry entry = entry(file, line, fields, columns);
                Entry earlier = byId.put(key(entry.id()), entry);
                if (earlier != null) {
                    throw new IOException(file + ":" + line + ": id " + entry.id() + " again (first on line " + earlier.line() + ")");
                }
            }
        } catch (CsvException e) {
            throw new IOException(file + ":" + e.getLineNumber() + ": not CSV: " + e.getMessage(), e);
        } catch (CharacterCodingException e) {
            throw new IOException(file + ": not UTF-8 text; save the CSV as UTF-8", e);
        }
        return new ManualPoints(file, byId);
    }

    /** A semicolon in a header without a comma: a spreadsheet's export in a locale whose decimal point is a comma. */
    private static char separator(Path file) throws IOException {
        try (BufferedReader text = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = text.readLine();
            return first != null && first.indexOf(';') >= 0 && first.indexOf(',') < 0 ? ';' : ',';
        } catch (CharacterCodingException e) {
            throw new IOException(file + ": not UTF-8 text; save the CSV as UTF-8", e);
        }
    }

    private static Map<String, Integer> columns(Path file, String[] header) throws IOException {
        Map<String, Integer> columns = new LinkedHashMap<>();
        for (int i = 0; i < header.length; i++) {
            String name = header[i].replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT);
            if (columns.putIfAbsent(name, i) != null && Set.of("id", "points", "comment").contains(name)) {
                throw new IOException(file + ":1: the column " + name + " appears twice");
            }
        }
        if (!columns.containsKey("id") || !columns.containsKey("points")) {
            throw new IOException(file + ":1: the header must name the columns id and points (and comment), not "
                    + String.join(",", header));
        }
        return columns;
    }

    private static Entry entry(Path file, int line, String[] fields, Map<String, Integer> columns) throws IOException {
        String id = fields[columns.get("id")].strip();
        if (id.isEmpty()) {
            throw new IOException(file + ":" + line + ": no id");
        }
        String text = fields[columns.get("points")].strip();
        double points = Double.NaN;
        if (!text.isEmpty()) {
            String number = text.indexOf(',') >= 0 && text.indexOf('.') < 0 ? text.replace(',', '.') : text;
            if (!NUMBER.matcher(number).matches()) {
                throw new IOException(file + ":" + line + ": points \"" + text + "\" of " + id + " is not a number");
            }
            points = Double.parseDouble(number);
        }
        Integer comment = columns.get("comment");
        return new Entry(id, line, points, comment == null ? "" : fields[comment].strip());
    }

    private static boolean blank(String[] fields) {
        for (String field : fields) {
            if (!field.isBlank()) {
                return false;
            }
        }
        return true;
    }

    private static String key(String id) {
        return id.toLowerCase(Locale.ROOT);
    }

    /** @return the file the points came from */
    public Path file() {
        return file;
    }

    /**
     * @param id a student id
     * @return whether the file has a line for it
     */
    public boolean has(String id) {
        return byId.containsKey(key(id));
    }

    /**
     * @param row a gradebook row
     * @return the row with the file's points and comment for its id, or unchanged when the file has no line for it
     */
    public GradebookRow apply(GradebookRow row) {
        Entry entry = byId.get(key(row.id()));
        return entry == null ? row : row.withManual(entry.points(), entry.comment());
    }

    /**
     * Sets the file's points and comment in a per-submission report's tree.
     *
     * @param id the student id
     * @param report the report's tree, as {@link JsonReport} writes it
     */
    public void apply(String id, ObjectNode report) {
        Entry entry = byId.get(key(id));
        if (entry != null) {
            JsonReport.withManual(report, entry.points(), entry.comment());
        }
    }

    /**
     * Records the points in the reports a batch wrote ({@code submissions/<id>/report.json} under
     * its output directory) for the given ids that the file has a line for and that have a report.
     *
     * @param out a batch's output directory
     * @param ids the ids to update
     * @return how many reports were updated
     * @throws IOException if a report cannot be read or written
     */
    public int applyToReports(Path out, Collection<String> ids) throws IOException {
        int updated = 0;
        for (String id : ids) {
            Path report = out.resolve("submissions").resolve(id).resolve("report.json");
            if (has(id) && Files.isRegularFile(report)) {
                JsonReport.update(report, tree -> {
                    apply(id, tree);
                    return tree;
                });
                updated++;
            }
        }
        return updated;
    }

    /**
     * @param ids the ids there are submissions or rows for
     * @return a one-line warning naming the file's ids that match none of them, with their lines,
     *     or empty when every id matches
     */
    public Optional<String> unknown(Collection<String> ids) {
        Set<String> known = new TreeSet<>();
        ids.forEach(id -> known.add(key(id)));
        List<String> unknown = new ArrayList<>();
        byId.forEach((key, entry) -> {
            if (!known.contains(key)) {
                unknown.add(entry.id() + " (line " + entry.line() + ")");
            }
        });
        return unknown.isEmpty() ? Optional.empty()
                : Optional.of("warning: " + file + ": no submission for " + unknown.size() + " id(s): " + String.join(", ", unknown));
    }
}
