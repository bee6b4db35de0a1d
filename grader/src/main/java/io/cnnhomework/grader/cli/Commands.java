package io.cnnhomework.grader.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine.Spec;

/**
 * The commands as picocli parses them and prints their help. Each option is declared here for
 * parsing and help only: its value reaches the command's record ({@link GradeCommand} ...) as a
 * word through {@link Given}, which validates it and applies the default that {@link Defaults}
 * shows. Descriptions are in the {@code usage} bundles, English and Russian, keyed
 * {@code command.option}.
 */
final class Commands {

    /** The bundle of descriptions, headings and usage errors. */
    static final String BUNDLE = "io.cnnhomework.grader.cli.usage";

    private Commands() {
    }

    /**
     * @param locale English or Russian
     * @return the {@code usage} bundle of that language, without falling back to the JVM's locale
     */
    static ResourceBundle bundle(Locale locale) {
        return ResourceBundle.getBundle(BUNDLE, locale, ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** {@code -h}, {@code --help} on every command. */
    static final class HelpOption {
        @Option(names = {"-h", "--help"}, usageHelp = true, descriptionKey = "help")
        boolean help;
    }

    /** The limits of grading, shared by {@code grade} and {@code batch}. */
    static final class Limits {
        @Option(names = "--timeout", paramLabel = "SEC", descriptionKey = "timeout")
        String timeout;
        @Option(names = "--budget", paramLabel = "SEC", descriptionKey = "budget")
        String budget;
        @Option(names = "--compile-timeout", paramLabel = "SEC", descriptionKey = "compile-timeout")
        String compileTimeout;
        @Option(names = "--optional", paramLabel = "off|own|compare", descriptionKey = "optional")
        String optional;
        @Option(names = "--optional-timeout", paramLabel = "SEC", descriptionKey = "optional-timeout")
        String optionalTimeout;
    }

    /** What the instructor's view adds, shared by {@code batch} and {@code merge}. */
    static final class InstructorView {
        @Option(names = "--template", paramLabel = "DIR", descriptionKey = "template")
        String template;
        @Option(names = "--similarity", paramLabel = "on|off", descriptionKey = "similarity")
        String similarity;
        @Option(names = "--similarity-threshold", paramLabel = "X", descriptionKey = "similarity-threshold")
        String similarityThreshold;
        @Option(names = "--points-columns", descriptionKey = "points-columns")
        boolean pointsColumns;
        @Option(names = "--manual", paramLabel = "FILE", descriptionKey = "manual")
        String manual;
    }

    /** {@code --reference} and {@code --lang}, shared by the commands that grade or train. */
    static final class ReferenceAndLanguage {
        @Option(names = "--reference", paramLabel = "DIR", descriptionKey = "reference")
        String reference;
        @Option(names = "--lang", paramLabel = "ru|en", descriptionKey = "lang")
        String lang;
    }

    /** {@code scripts/grader} itself: names the commands, or shows their help. */
    @Command(name = "scripts/grader", resourceBundle = BUNDLE,
            subcommands = {Grade.class, Batch.class, Train.class, Merge.class, Handout.class, Help.class})
    static final class Root implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        HelpOption help;

        /** Read before parsing ({@link GraderCli#helpLanguage}); declared so that it may come before the command. */
        @Option(names = "--lang", paramLabel = "ru|en", descriptionKey = "lang")
        String lang;

        final PrintStream out;
        final PrintStream err;

        Root(PrintStream out, PrintStream err) {
            this.out = out;
            this.err = err;
        }

        /** Without a command: the list of commands, as a usage error. */
        @Override
        public Integer call() {
            throw new ParameterException(spec.commandLine(), UsageErrors.text(spec, "error.noCommand"));
        }
    }

    /**
     * {@code help [COMMAND]}: the help of {@code scripts/grader} or of one command, in the language
     * of {@code --lang}, which it takes as the commands do; a misspelt command gets the nearest.
     */
    @Command(name = "help", helpCommand = true)
    static final class Help implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        HelpOption help;

        @Parameters(arity = "0..1", paramLabel = "COMMAND", descriptionKey = "helpCommand.command")
        String command;

        @Option(names = "--lang", paramLabel = "ru|en", descriptionKey = "lang")
        String lang;

        @Override
        public Integer call() {
            CommandLine root = spec.parent().commandLine();
            CommandLine shown = command == null ? root : root.getSubcommands().get(command);
            if (shown == null) {
                throw new UnmatchedArgumentException(root, List.of(command));
            }
            shown.usage(shown.getOut());
            return 0;
        }
    }

    /** Shared by the commands: the parent that holds the output streams. */
    abstract static class Sub implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @ParentCommand
        Root parent;

        @Mixin
        HelpOption help;

        Given given() {
            return Given.of(spec.commandLine().getParseResult());
        }

        static Path defaultReference() {
            return Path.of(System.getProperty(GraderCli.DEFAULT_REFERENCE_PROPERTY, "reference-data"));
        }
    }

    @Command(name = "grade", sortOptions = false)
    static final class Grade extends Sub {
        @Option(names = "--submission", required = true, paramLabel = "DIR|ZIP", descriptionKey = "grade.submission")
        String submission;
        @Option(names = "--json", paramLabel = "FILE", descriptionKey = "grade.json")
        String json;
        @Option(names = "--staff-json", paramLabel = "FILE", descriptionKey = "grade.staff-json")
        String staffJson;
        @Option(names = "--allure", paramLabel = "DIR", descriptionKey = "grade.allure")
        String allure;
        @Option(names = "--name", paramLabel = "NAME", descriptionKey = "grade.name")
        String name;
        @Option(names = "--feedback", paramLabel = "FILE", descriptionKey = "grade.feedback")
        String feedback;
        @Option(names = "--classroom", paramLabel = "FILE", descriptionKey = "grade.classroom")
        String classroom;
        @Mixin
        Limits limits;
        @Mixin
        ReferenceAndLanguage referenceAndLanguage;

        @Override
        public Integer call() throws Exception {
            return GraderCli.grade(GradeCommand.parse(given(), defaultReference()), parent.out);
        }
    }

    @Command(name = "batch", sortOptions = false)
    static final class Batch extends Sub {
        @Option(names = "--submissions", required = true, paramLabel = "DIR", descriptionKey = "batch.submissions")
        String submissions;
        @Option(names = "--out", required = true, paramLabel = "DIR", descriptionKey = "batch.out")
        String out;
        @Option(names = "--jobs", paramLabel = "N", descriptionKey = "batch.jobs")
        String jobs;
        @Option(names = "--memory", paramLabel = "MB", descriptionKey = "batch.memory")
        String memory;
        @Mixin
        Limits limits;
        @Option(names = "--resume", descriptionKey = "batch.resume")
        boolean resume;
        @Option(names = "--shard", paramLabel = "I/N", descriptionKey = "batch.shard")
        String shard;
        @Mixin
        InstructorView instructorView;
        @Mixin
        ReferenceAndLanguage referenceAndLanguage;

        @Override
        public Integer call() throws Exception {
            return GraderCli.batch(BatchCommand.parse(given(), defaultReference(), GraderCli.templateSources()),
                    parent.out, parent.err);
        }
    }

    @Command(name = "train", sortOptions = false)
    static final class Train extends Sub {
        @Option(names = "--submission", required = true, paramLabel = "DIR", descriptionKey = "train.submission")
        String submission;
        @Option(names = "--init", paramLabel = "FILE.onnx", descriptionKey = "train.init")
        String init;
        @Option(names = "--order", paramLabel = "FILE.csv", descriptionKey = "train.order")
        String order;
        @Option(names = "--seed", paramLabel = "N", descriptionKey = "train.seed")
        String seed;
        @Option(names = "--repeat", paramLabel = "N", descriptionKey = "train.repeat")
        String repeat;
        @Option(names = "--json", paramLabel = "FILE", descriptionKey = "train.json")
        String json;
        @Option(names = "--timeout", paramLabel = "SEC", descriptionKey = "train.timeout")
        String timeout;
        @Mixin
        ReferenceAndLanguage referenceAndLanguage;

        @Override
        public Integer call() throws Exception {
            return GraderCli.train(TrainCommand.parse(given(), defaultReference()), parent.out);
        }
    }

    @Command(name = "merge", sortOptions = false)
    static final class Merge extends Sub {
        @Option(names = "--out", required = true, paramLabel = "FILE", descriptionKey = "merge.out")
        String out;
        @Mixin
        InstructorView instructorView;
        @Option(names = "--lang", paramLabel = "ru|en", descriptionKey = "merge.lang")
        String lang;
        @Parameters(arity = "1..*", paramLabel = "GRADEBOOK_OR_OUT_DIR", descriptionKey = "merge.inputs")
        List<String> inputs;

        @Override
        public Integer call() throws Exception {
            return GraderCli.merge(MergeCommand.parse(given(), GraderCli.templateSources()), parent.out,
                    parent.err);
        }
    }

    @Command(name = "handout", sortOptions = false)
    static final class Handout extends Sub {
        @Option(names = "--out", required = true, paramLabel = "DIR", descriptionKey = "handout.out")
        String out;
        @Option(names = "--root", paramLabel = "DIR", descriptionKey = "handout.root")
        String root;

        @Override
        public Integer call() {
            return GraderCli.handout(HandoutCommand.parse(given(), GraderCli.courseRoot()), parent.out);
        }
    }
}
