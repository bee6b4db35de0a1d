package io.cnnhomework.grader.cli;

import java.io.PrintWriter;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A command line picocli cannot parse: one line saying what is wrong in the user's language, the
 * nearest spellings when a word is misspelt, then the usage of that command alone (for
 * {@code scripts/grader} itself, its list of commands) and where its help is. Exit 2.
 */
final class UsageErrors implements IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException exception, String[] args) {
        CommandLine command = exception.getCommandLine();
        // a misspelt option also leaves a required one "missing": the misspelling is what to fix
        ParameterException ex = exception instanceof UnmatchedArgumentException || command.getUnmatchedArguments().isEmpty() ? exception
                : new UnmatchedArgumentException(command, command.getUnmatchedArguments());
        CommandSpec spec = command.getCommandSpec();
        PrintWriter err = command.getErr();
        err.println(command.getColorScheme().errorText("error: " + message(ex, spec)));
        if (ex instanceof UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            err.println(text(spec, "error.didYouMean", String.join(", ", unmatched.getSuggestions())));
        }
        if (spec.parent() == null) {
            command.usage(err);
        } else {
            Help help = command.getHelp();
            err.print(help.synopsisHeading() + help.synopsis(help.synopsisHeadingLength()));
            err.println(text(spec, "error.moreHelp", spec.qualifiedName()));
        }
        err.flush();
        return spec.exitCodeOnInvalidInput();
    }

    private static String message(ParameterException ex, CommandSpec spec) {
        if (ex instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String word = unmatched.getUnmatched().get(0);
            if (unmatched.isUnknownOption()) {
                return text(spec, "error.unknownOption", word);
            }
            return text(spec, spec.parent() == null ? "error.unknownCommand" : "error.unexpectedArgument", word);
        }
        if (ex instanceof MissingParameterException missing && !missing.getMissing().isEmpty()) {
            List<ArgSpec> arguments = missing.getMissing();
            if (ex.getMessage().startsWith("Missing required parameter for option")) {
                return text(spec, "error.needsValue", name(arguments.get(0)));
            }
            return text(spec, "error.required", arguments.stream().map(UsageErrors::name).collect(Collectors.joining(", ")));
        }
        return ex.getMessage();
    }

    private static String name(ArgSpec argument) {
        return argument instanceof OptionSpec option ? option.longestName() : argument.paramLabel();
    }

    /**
     * @param spec a command, whose bundle has the user's language
     * @param key a key of the {@code usage} bundle
     * @param args the values for its {@code {0}}, ...
     * @return the text
     */
    static String text(CommandSpec spec, String key, Object... args) {
        return text(spec.resourceBundle(), key, args);
    }

    /**
     * @param bundle the {@code usage} bundle of the user's language
     * @param key one of its keys
     * @param args the values for its {@code {0}}, ...
     * @return the text
     */
    static String text(ResourceBundle bundle, String key, Object... args) {
        String pattern;
        try {
            pattern = bundle == null ? key : bundle.getString(key);
        } catch (MissingResourceException e) {
            pattern = key;
        }
        return new MessageFormat(pattern, bundle == null ? Locale.ROOT : bundle.getLocale()).format(args);
    }
}
