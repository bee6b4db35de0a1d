package io.cnnhomework.grader.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The words after a command: {@code --flag value} options, {@code --switch} options without a
 * value, and (where a command takes them) plain arguments. Anything else is a usage error that
 * shows the command's usage line.
 */
final class CommandLine {

    private final Map<String, String> values = new HashMap<>();
    private final Set<String> switches = new HashSet<>();
    private final List<String> arguments = new ArrayList<>();

    private CommandLine() {
    }

    /**
     * @param args the words after the command
     * @param valued the options that take a value
     * @param flags the options that take none
     * @param takesArguments whether plain arguments are allowed
     * @param usage the command's usage line, for messages
     * @return the parsed words
     * @throws UsageException on an unknown option, a missing value, or an unexpected argument
     */
    static CommandLine parse(List<String> args, Set<String> valued, Set<String> flags, boolean takesArguments, String usage) {
        CommandLine line = new CommandLine();
        for (int i = 0; i < args.size(); i++) {
            String word = args.get(i);
            if (flags.contains(word)) {
                line.switches.add(word);
            } else if (valued.contains(word)) {
                if (i + 1 >= args.size()) {
                    throw new UsageException(word + " needs a value; " + usage);
                }
                line.values.put(word, args.get(++i));
            } else if (word.startsWith("--") || !takesArguments) {
                throw new UsageException("unknown option " + word + "; " + usage);
            } else {
                line.arguments.add(word);
            }
        }
        return line;
    }

    /**
     * @param option an option that takes a value
     * @return its value, or {@code null} when not given
     */
    String value(String option) {
        return values.get(option);
    }

    /**
     * @param option an option that takes a path
     * @param otherwise the path without it
     * @return the path
     */
    Path path(String option, Path otherwise) {
        String value = values.get(option);
        return value == null ? otherwise : Path.of(value);
    }

    /**
     * @param flag an option without a value
     * @return whether it was given
     */
    boolean has(String flag) {
        return switches.contains(flag);
    }

    /** @return the plain arguments, in order */
    List<String> arguments() {
        return List.copyOf(arguments);
    }
}
