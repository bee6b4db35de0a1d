package io.cnnhomework.grader.cli;

import io.cnnhomework.grader.batch.BatchOptions;
import io.cnnhomework.grader.exercise.TimeBudget;
import io.cnnhomework.grader.exercise.TimeLimitedRunner;
import io.cnnhomework.grader.grading.OptionalTask;
import io.cnnhomework.grader.messages.Messages;
import io.cnnhomework.grader.similarity.Similarity;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The defaults the help shows ({@code ${DEFAULT-VALUE}} in the descriptions), from the constants
 * the commands apply, so that the help cannot drift from what a command does without the option.
 * Keyed by command and option; options without an entry have no default.
 */
final class Defaults implements IDefaultValueProvider {

    private static final Map<String, Supplier<String>> DEFAULTS = Map.ofEntries(
            Map.entry("scripts/grader --lang", Defaults::language),
            Map.entry("help --lang", Defaults::language),
            Map.entry("grade --reference", Defaults::reference),
            Map.entry("grade --timeout", () -> seconds(TimeLimitedRunner.DEFAULT_LIMIT)),
            Map.entry("grade --budget", () -> seconds(TimeBudget.DEFAULT)),
            Map.entry("grade --compile-timeout", () -> seconds(BatchOptions.DEFAULT_COMPILE_TIMEOUT)),
            Map.entry("grade --optional", GradeCommand.DEFAULT_OPTIONAL::toString),
            Map.entry("grade --optional-timeout", () -> seconds(TimeLimitedRunner.DEFAULT_TRAINING_LIMIT)),
            Map.entry("grade --lang", Defaults::language),
            Map.entry("batch --reference", Defaults::reference),
            Map.entry("batch --jobs", () -> String.valueOf(BatchCommand.defaultJobs())),
            Map.entry("batch --timeout", () -> seconds(BatchCommand.DEFAULT_TIMEOUT)),
            Map.entry("batch --memory", () -> String.valueOf(BatchCommand.DEFAULT_MEMORY_MB)),
            Map.entry("batch --budget", () -> seconds(TimeBudget.DEFAULT)),
            Map.entry("batch --compile-timeout", () -> seconds(BatchOptions.DEFAULT_COMPILE_TIMEOUT)),
            Map.entry("batch --optional", BatchCommand.DEFAULT_OPTIONAL::toString),
            Map.entry("batch --optional-timeout", () -> seconds(BatchCommand.DEFAULT_TRAINING_TIMEOUT)),
            Map.entry("batch --shard", () -> "1/1"),
            Map.entry("batch --template", Defaults::template),
            Map.entry("batch --similarity", () -> "on"),
            Map.entry("batch --similarity-threshold", () -> String.valueOf(Similarity.DEFAULT_THRESHOLD)),
            Map.entry("batch --lang", Defaults::language),
            Map.entry("train --reference", Defaults::reference),
            Map.entry("train --seed", () -> String.valueOf(OptionalTask.SEED)),
            Map.entry("train --repeat", () -> "1"),
            Map.entry("train --timeout", () -> seconds(TimeLimitedRunner.DEFAULT_TRAINING_LIMIT)),
            Map.entry("train --lang", Defaults::language),
            Map.entry("merge --template", Defaults::template),
            Map.entry("merge --similarity", () -> "on"),
            Map.entry("merge --similarity-threshold", () -> String.valueOf(Similarity.DEFAULT_THRESHOLD)),
            Map.entry("handout --root", () -> shown(GraderCli.courseRoot())));

    @Override
    public String defaultValue(ArgSpec argument) {
        if (!(argument instanceof OptionSpec option)) {
            return null;
        }
        Supplier<String> value = DEFAULTS.get(argument.command().name() + " " + option.longestName());
        return value == null ? null : value.get();
    }

    /** @return the reference set {@code scripts/grader} passes, else {@code reference-data} */
    private static String reference() {
        return shown(Commands.Sub.defaultReference());
    }

    /** @return the language without {@code --lang}: {@code grader.lang}, else the system's */
    private static String language() {
        return Messages.language(null).getLanguage();
    }

    private static String template() {
        return shown(GraderCli.templateSources());
    }

    /**
     * A default path as the help shows it: relative to the working directory when inside it
     * ({@code student-template/src/main/java}, {@code .}), so that the help stays short and reads
     * the same on every machine; else as it is.
     */
    static String shown(Path path) {
        Path here = Path.of("").toAbsolutePath().normalize();
        Path absolute = path.toAbsolutePath().normalize();
        if (!absolute.startsWith(here)) {
            return path.toString();
        }
        String relative = here.relativize(absolute).toString();
        return relative.isEmpty() ? "." : relative;
    }

    /** @return whole seconds without a fraction, e.g. {@code 60}, {@code 0.5} */
    static String seconds(Duration duration) {
        return BigDecimal.valueOf(duration.toMillis()).movePointLeft(3).stripTrailingZeros().toPlainString();
    }
}
