package io.cnnhomework.grader.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnhomework.grader.batch.BatchOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.ResourceBundle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code scripts/grader --help}, {@code help COMMAND}, {@code COMMAND --help} and {@code -h}: every
 * option with its description and default, in English or Russian, exit 0; and the defaults shown
 * are the ones the commands apply.
 */
class CommandHelpTest {

    private static final List<String> COMMANDS = List.of("grade", "batch", "train", "merge", "handout");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        return GraderCli.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    /** The help as one line: picocli wraps descriptions at 80 columns. */
    private String help() {
        return out.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " ");
    }

    private static CommandLine command(String name, Locale locale) {
        return GraderCli.commandLine(System.out, System.err, locale).getSubcommands().get(name);
    }

    @Test
    void theRootsHelpListsEveryCommandAndSaysHowToGetHelpOnOne() {
        for (String form : List.of("--help", "-h", "help")) {
            assertEquals(GraderCli.EXIT_PASSED, run("--lang", "en", form), form);
            assertTrue(help().contains("Usage: scripts/grader [-h] [--lang=ru|en] [COMMAND]"), help());
            for (String command : COMMANDS) {
                assertTrue(out.toString(StandardCharsets.UTF_8).contains(System.lineSeparator() + "  " + command + " "), command);
            }
            assertTrue(help().contains("Help on a command: scripts/grader help COMMAND, or scripts/grader COMMAND --help."), help());
            assertEquals("", err.toString(StandardCharsets.UTF_8));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"grade", "batch", "train", "merge", "handout"})
    void everyCommandsHelpListsEveryOptionWithItsDescriptionAndDefault(String name) {
        CommandLine command = command(name, Locale.ENGLISH);
        Defaults defaults = new Defaults();
        for (List<String> form : List.of(List.of(name, "--help"), List.of(name, "-h"), List.of("help", name))) {
            assertEquals(GraderCli.EXIT_PASSED, run(form.toArray(String[]::new)), form.toString());
            assertEquals("", err.toString(StandardCharsets.UTF_8), form.toString());
            String help = help();
            assertTrue(help.contains("Usage: scripts/grader " + name + " [-h]"), help);
            assertFalse(help.contains("Usage: grader"), help);
            for (OptionSpec option : command.getCommandSpec().options()) {
                assertTrue(help.contains(" " + option.longestName()), option.longestName() + " in " + help);
                assertTrue(option.description().length > 0 && !option.description()[0].isBlank(), option.longestName());
                String value = defaults.defaultValue(option);
                if (value != null) {
                    // picocli may wrap a long default, a path at a '/', so compare without spaces
                    assertTrue(help.replace(" ", "").contains("(default:" + value.replace(" ", "")),
                            option.longestName() + " default " + value + " in " + help);
                }
            }
        }
    }

    @Test
    void helpOnAMisspeltCommandGetsTheNearestInTheUsersLanguage() {
        assertEquals(GraderCli.EXIT_ERROR, run("help", "grde", "--lang", "ru"));

        List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals("error: неизвестная команда grde", lines.get(0));
        assertEquals("может быть, имелось в виду: grade?", lines.get(1));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpWithoutACommandIsTheRootsHelpInTheUsersLanguage() {
        assertEquals(GraderCli.EXIT_PASSED, run("help", "--lang", "ru"));

        assertTrue(help().contains("Использование: scripts/grader [-h] [--lang=ru|en] [COMMAND]"), help());
        assertTrue(help().contains("Справка по команде: scripts/grader help КОМАНДА или scripts/grader КОМАНДА --help."), help());
    }

    @Test
    void theHelpIsRussianUnderLangRu() {
        assertEquals(GraderCli.EXIT_PASSED, run("grade", "--help", "--lang", "ru"));

        String help = help();
        assertTrue(help.contains("Использование: scripts/grader grade [-h]"), help);
        assertTrue(help.contains("Предел времени на одну проверку слоя или задание, в секундах (по умолчанию: 60)."), help);
        assertFalse(help.contains("default"), help);
        assertFalse(help.contains("Wall-clock"), help);
    }

    @Test
    void theDefaultsShownAreTheOnesTheCommandsApply() {
        GradeCommand grade = GradeCommand.parse(GraderCliTest.given("grade", "--submission", "s"), Commands.Sub.defaultReference());
        assertDefault("grade", "--reference", grade.reference().toString());
        assertDefault("grade", "--timeout", Defaults.seconds(grade.taskTimeout()));
        assertDefault("grade", "--budget", Defaults.seconds(grade.budget()));
        assertDefault("grade", "--compile-timeout", Defaults.seconds(grade.compileTimeout()));
        assertDefault("grade", "--optional", grade.optional().toString());
        assertDefault("grade", "--optional-timeout", Defaults.seconds(grade.trainingTimeout()));

        BatchOptions batch = BatchCommand.parse(GraderCliTest.given("batch", "--submissions", "s", "--out", "o"),
                Path.of("reference-data"), null).options();
        assertDefault("batch", "--jobs", String.valueOf(batch.jobs()));
        assertDefault("batch", "--timeout", Defaults.seconds(batch.timeout()));
        assertDefault("batch", "--memory", String.valueOf(batch.memoryMb()));
        assertDefault("batch", "--budget", Defaults.seconds(batch.budget()));
        assertDefault("batch", "--compile-timeout", Defaults.seconds(batch.compileTimeout()));
        assertDefault("batch", "--optional", batch.optional().toString());
        assertDefault("batch", "--optional-timeout", Defaults.seconds(batch.trainingTimeout()));
        assertDefault("batch", "--shard", batch.shard() + "/" + batch.shards());
        assertDefault("batch", "--similarity", batch.similarity() ? "on" : "off");
        assertDefault("batch", "--similarity-threshold", String.valueOf(batch.similarityThreshold()));

        TrainCommand train = TrainCommand.parse(GraderCliTest.given("train", "--submission", "s"), Path.of("reference-data"));
        assertDefault("train", "--seed", String.valueOf(train.seed()));
        assertDefault("train", "--repeat", String.valueOf(train.repeat()));
        assertDefault("train", "--timeout", Defaults.seconds(train.timeout()));
    }

    @Test
    void defaultPathsShowRelativeToTheWorkingDirectorySoTheHelpReadsTheSameOnEveryMachine() {
        Path here = Path.of("").toAbsolutePath();
        assertEquals(Path.of("student-template", "src", "main", "java").toString(),
                Defaults.shown(here.resolve("student-template/src/main/java")));
        assertEquals(".", Defaults.shown(here));
        assertEquals("reference-data", Defaults.shown(Path.of("reference-data")));
        Path outside = here.getRoot().resolve("elsewhere-" + System.nanoTime()).resolve("reference-data");
        assertEquals(outside.toString(), Defaults.shown(outside));
    }

    private static void assertDefault(String command, String option, String applied) {
        OptionSpec spec = command(command, Locale.ENGLISH).getCommandSpec().findOption(option);
        assertNotNull(spec, option);
        assertEquals(applied, new Defaults().defaultValue(spec), command + " " + option);
    }

    @Test
    void bothBundlesHoldTheSameKeysAndEveryOptionsDescription() throws IOException {
        Properties english = load("usage.properties");
        Properties russian = load("usage_ru.properties");

        assertEquals(english.stringPropertyNames(), russian.stringPropertyNames());
        for (String name : COMMANDS) {
            assertTrue(english.containsKey("scripts/grader." + name + ".usage.header"), name);
            for (OptionSpec option : command(name, Locale.ENGLISH).getCommandSpec().options()) {
                assertTrue(english.containsKey(option.descriptionKey()), name + " " + option.longestName() + ": " + option.descriptionKey());
            }
        }
        ResourceBundle bundle = Commands.bundle(Locale.forLanguageTag("ru"));
        assertEquals("Справка: scripts/grader grade --help", UsageErrors.text(bundle, "error.moreHelp", "scripts/grader grade"));
    }

    private static Properties load(String file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = CommandHelpTest.class.getResourceAsStream(file)) {
            properties.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
