package io.cnnhomework.grader.reference;

import com.opencsv.CSVReader;
import com.opencsv.exceptions.CsvException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a per-epoch loss curve: a header {@code epoch,<column>,...} and one row per epoch
 * numbered from 0, values as Python's {@code repr} of a float.
 */
final class LossCurveCsv {

    private LossCurveCsv() {
    }

    /**
     * @param bytes the file's content
     * @param source the file, for messages
     * @param columns the value columns expected after {@code epoch}, in order
     * @param epochs the expected number of rows
     * @return column name to its values, one per epoch
     */
    static Map<String, double[]> read(byte[] bytes, Path source, List<String> columns, int epochs) {
        List<String[]> rows;
        try (CSVReader reader = new CSVReader(new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8))) {
            rows = reader.readAll();
        } catch (IOException | CsvException e) {
            throw new ReferenceDataException(source, "not readable as CSV: " + e.getMessage(), e);
        }
        if (rows.isEmpty()) {
            throw new ReferenceDataException(source, "is empty; expected a header epoch," + String.join(",", columns));
        }
        List<String> header = List.of(rows.get(0));
        List<String> expectedHeader = new java.util.ArrayList<>();
        expectedHeader.add("epoch");
        expectedHeader.addAll(columns);
        if (!header.equals(expectedHeader)) {
            throw new ReferenceDataException(source, "header " + String.join(",", header) + " is not "
                    + String.join(",", expectedHeader));
        }
        if (rows.size() - 1 != epochs) {
            throw new ReferenceDataException(source, "has " + (rows.size() - 1) + " epochs but the manifest says " + epochs);
        }
        Map<String, double[]> curves = new LinkedHashMap<>();
        columns.forEach(column -> curves.put(column, new double[epochs]));
        for (int epoch = 0; epoch < epochs; epoch++) {
            String[] row = rows.get(epoch + 1);
            int line = epoch + 2;
            if (row.length != expectedHeader.size()) {
                throw new ReferenceDataException(source, "line " + line + " has " + row.length + " fields, expected "
                        + expectedHeader.size());
            }
            if (parse(row[0], source, line, "epoch") != epoch) {
                throw new ReferenceDataException(source, "line " + line + " is epoch " + row[0] + ", expected " + epoch);
            }
            for (int c = 0; c < columns.size(); c++) {
                curves.get(columns.get(c))[epoch] = parse(row[c + 1], source, line, columns.get(c));
            }
        }
        return curves;
    }

    private static double parse(String text, Path source, int line, String column) {
        try {
            double value = Double.parseDouble(text.trim());
            if (!Double.isFinite(value)) {
                throw new ReferenceDataException(source, "line " + line + ": " + column + " is " + text + ", not a finite number");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ReferenceDataException(source, "line " + line + ": '" + text + "' in column " + column + " is not a number");
        }
    }
}
