package io.cnnhomework.grader.report.allure;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.opencsv.CSVWriter;
import io.cnnhomework.grader.report.AtomicFiles;
import io.qameta.allure.model.Attachment;
import io.qameta.allure.model.Parameter;
import io.qameta.allure.model.Stage;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.TestResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * Writes the files of an Allure results directory: {@code <uuid>-result.json} from allure-model's
 * {@link TestResult}, {@code <uuid>-attachment.<ext>}, {@code environment.properties} and
 * {@code categories.json}. Each file is written atomically, attachments before the result that
 * names them.
 */
final class AllureFiles {

    /**
     * allure-model carries no serialisation annotations; Allure's readers expect its enums by their
     * {@code value()} ({@code passed}, {@code finished}) and absent fields left out.
     */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .addMixIn(Status.class, ByValue.class)
            .addMixIn(Stage.class, ByValue.class)
            .addMixIn(Parameter.Mode.class, ByValue.class);

    /** Serialises an allure-model enum as its {@code value()}. */
    private abstract static class ByValue {
        @JsonValue
        abstract String value();
    }

    /**
     * An entry of {@code categories.json} (not part of allure-model).
     *
     * @param name the category's title
     * @param matchedStatuses the statuses it takes
     * @param traceRegex what the trace must match, or {@code null} for anything
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Category(String name, List<Status> matchedStatuses, String traceRegex) {
    }

    private final Path dir;

    /** @param dir the results directory */
    AllureFiles(Path dir) {
        this.dir = dir;
    }

    void result(TestResult result) throws IOException {
        AtomicFiles.write(dir.resolve(result.getUuid() + "-result.json"), out -> JSON.writeValue(out, result));
    }

    Attachment attach(String name, String type, String extension, byte[] content) throws IOException {
        String source = UUID.randomUUID() + "-attachment." + extension;
        AtomicFiles.write(dir.resolve(source), out -> out.write(content));
        return new Attachment().setName(name).setSource(source).setType(type);
    }

    void environment(Properties environment) throws IOException {
        AtomicFiles.write(dir.resolve("environment.properties"), out -> environment.store(out, null));
    }

    /**
     * Writes {@code environment.properties} in the given order, which Allure's panel keeps
     * ({@link Properties} would not). Keys and values are escaped as {@code Properties} escapes
     * them, every character past ASCII as a {@code \}{@code u} escape, since Allure reads the file as ISO-8859-1.
     */
    void environment(Map<String, String> environment) throws IOException {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, String> entry : environment.entrySet()) {
            Properties one = new Properties();
            one.setProperty(entry.getKey(), entry.getValue());
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            one.store(line, null);
            // store() writes a date comment first; the property is the last line
            List<String> lines = line.toString(StandardCharsets.ISO_8859_1).lines().toList();
            text.append(lines.get(lines.size() - 1)).append('\n');
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.ISO_8859_1);
        AtomicFiles.write(dir.resolve("environment.properties"), out -> out.write(bytes));
    }

    void categories(List<Category> categories) throws IOException {
        AtomicFiles.write(dir.resolve("categories.json"), out -> JSON.writeValue(out, categories));
    }

    /**
     * @param header the first line
     * @param rows the others
     * @return CSV as RFC 4180 writes it, fields quoted only where they need it, UTF-8
     */
    static byte[] csv(List<String> header, List<String[]> rows) {
        StringWriter text = new StringWriter();
        try (CSVWriter csv = new CSVWriter(text, CSVWriter.DEFAULT_SEPARATOR, CSVWriter.DEFAULT_QUOTE_CHARACTER,
                CSVWriter.DEFAULT_ESCAPE_CHARACTER, "\n")) {
            csv.writeNext(header.toArray(String[]::new), false);
            rows.forEach(row -> csv.writeNext(row, false));
        } catch (IOException e) {
            throw new UncheckedIOException("a string writer does not fail", e);
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
