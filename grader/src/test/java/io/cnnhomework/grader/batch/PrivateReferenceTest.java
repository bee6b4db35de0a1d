package io.cnnhomework.grader.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cnnhomework.grader.Fixtures;
import io.cnnhomework.grader.reference.ReferenceSet;
import io.cnnhomework.grader.reference.ReferenceTask;
import io.cnnhomework.grader.reference.Visibility;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch against a private reference set (the committed hidden set, seed 7) writes nothing outside
 * {@code staff/} from which a submission could copy the set's values: no loss curve of PyTorch's,
 * no expected tensor element, in any file a student or a spreadsheet may see, while the staff
 * reports carry all of them. Submissions: the known-good, a mistake in backward (its curves part
 * after epoch 0, with a divergence located), a mistake in Fc's gradient (tensor mismatches), and the
 * public curves hard-coded.
 */
class PrivateReferenceTest {

    private static final Path HIDDEN = Path.of("src/test/resources/hidden-reference");

    @TempDir
    static Path tmp;

    private static Path out;
    private static Map<String, GradebookRow> rows;

    @BeforeAll
    static void gradeAgainstTheHiddenSet() throws IOException {
        Path batch = Files.createDirectories(tmp.resolve("batch"));
        Fixtures.copyTree(Fixtures.KNOWN_GOOD, batch.resolve("known-good"));
        for (Fixtures.Mutation mutation : Fixtures.knownBad()) {
            if (List.of("sgd-wrong-sign", "fc-grad-not-divided").contains(mutation.name())) {
                mutation.materialise(batch.resolve(mutation.name()));
            }
        }
        Fixtures.attacks().stream().filter(a -> a.name().equals("hard-coded-curve")).findFirst().orElseThrow()
                .materialise(batch.resolve("hard-coded-curve"));
        out = tmp.resolve("out");
        rows = new BatchGrader(ReferenceSet.load(HIDDEN), BatchGraderTest.options(batch, out, false),
                new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8)).run().rows().stream()
                .collect(Collectors.toMap(GradebookRow::id, row -> row));
    }

    @Test
    void theHiddenSetIsPrivateAndGradedAsBefore() {
        assertEquals(Visibility.PRIVATE, ReferenceSet.load(HIDDEN).visibility());
        assertEquals(Map.of("known-good", "ok", "hard-coded-curve", "failed", "sgd-wrong-sign", "failed", "fc-grad-not-divided", "failed"),
                rows.values().stream().collect(Collectors.toMap(GradebookRow::id, row -> row.status().id())), rows.toString());
    }

    @Test
    void theStudentsReportCarriesNoCurveOfPyTorchsButSaysHowFarOffEachEpochIs() throws IOException {
        JsonNode report = new ObjectMapper().readTree(out.resolve("submissions/sgd-wrong-sign/report.json").toFile());

        for (JsonNode task : report.get("tasks")) {
            for (String field : List.of("expected", "expected_val")) {
                if (task.has(field)) {
                    task.get(field).forEach(value -> assertTrue(value.isNull(), task.get("id") + " " + field + ": " + value));
                }
            }
        }
        String message = report.get("tasks").get(0).get("message").asText();
        assertTrue(message.matches(".*epoch 1 differs first, by [0-9.e+-]+: got [0-9.]+\\. Epoch 0 matches.*"), message);
    }

    @Test
    void nothingOutsideStaffHoldsAValueOfThePrivateSetWhileTheStaffReportsHoldThemAll() throws IOException {
        Set<String> secrets = secrets();
        List<Path> studentFiles;
        try (Stream<Path> walk = Files.walk(out)) {
            studentFiles = walk.filter(Files::isRegularFile).filter(file -> !file.startsWith(out.resolve(BatchGrader.STAFF_DIR)))
                    .filter(file -> !file.toString().endsWith(".png")).toList();
        }
        assertTrue(studentFiles.size() > 20, studentFiles.toString());
        List<Pattern> patterns = secrets.stream()
                .map(secret -> Pattern.compile("(?<![0-9.])" + Pattern.quote(secret) + "(?![0-9])")).toList();
        for (Path file : studentFiles) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            for (Pattern secret : patterns) {
                assertFalse(secret.matcher(text).find(), file + " holds " + secret);
            }
        }
        JsonNode staff = new ObjectMapper().readTree(out.resolve("staff/submissions/sgd-wrong-sign/report.json").toFile());
        List<ReferenceTask> tasks = ReferenceSet.load(HIDDEN).tasks();
        for (int i = 0; i < tasks.size(); i++) {
            JsonNode expected = staff.get("tasks").get(i).get("expected");
            for (int epoch = 0; epoch < tasks.get(i).trainLoss().length; epoch++) {
                assertEquals(tasks.get(i).trainLoss()[epoch], expected.get(epoch).asDouble(), 0.0, "staff report, " + tasks.get(i).id());
            }
        }
        assertTrue(Files.readString(out.resolve("staff/submissions/fc-grad-not-divided/report.json")).contains("expected "));
        assertTrue(Files.isDirectory(out.resolve("staff/allure-results")));
    }

    /**
     * The private set's values as the grader prints them: every epoch's loss of PyTorch's (as JSON
     * and CSV write a double, and as the messages do), and every expected element the staff reports
     * quote; less what the submissions computed themselves, which a student may see.
     */
    private static Set<String> secrets() throws IOException {
        Set<String> secrets = new TreeSet<>();
        for (ReferenceTask task : ReferenceSet.load(HIDDEN).tasks()) {
            for (double[] curve : new double[][] {task.trainLoss(), task.valLoss()}) {
                if (curve != null) {
                    for (double value : curve) {
                        secrets.add(Double.toString(value));
                        secrets.add(String.format(Locale.ROOT, "%.6f", value));
                    }
                }
            }
        }
        Pattern expected = Pattern.compile("expected (-?[0-9][0-9.e+-]*)");
        Set<String> own = new HashSet<>();
        for (String id : rows.keySet()) {
            String staff = Files.readString(out.resolve("staff/submissions").resolve(id).resolve("report.json"));
            Matcher matcher = expected.matcher(staff);
            while (matcher.find()) {
                secrets.add(matcher.group(1).replaceAll("[.,;]$", ""));
            }
            Matcher got = Pattern.compile("got (-?[0-9][0-9.e+-]*)").matcher(staff);
            while (got.find()) {
                own.add(got.group(1).replaceAll("[.,;]$", ""));
            }
            JsonNode report = new ObjectMapper().readTree(staff);
            for (JsonNode task : report.get("tasks")) {
                for (String field : List.of("actual", "actual_val")) {
                    if (task.has(field)) {
                        task.get(field).forEach(value -> {
                            own.add(Double.toString(value.asDouble()));
                            own.add(String.format(Locale.ROOT, "%.6f", value.asDouble()));
                        });
                    }
                }
            }
        }
        secrets.removeAll(own);
        List<String> shortOnes = new ArrayList<>();
        secrets.stream().filter(secret -> secret.replaceAll("[^0-9]", "").length() < 5).forEach(shortOnes::add);
        // a value with few digits (0.5) would match unrelated text; the others identify the set
        shortOnes.forEach(secrets::remove);
        assertTrue(secrets.size() > 30, secrets.toString());
        return secrets;
    }
}
