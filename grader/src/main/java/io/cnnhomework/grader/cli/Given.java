package io.cnnhomework.grader.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * What a command line gave, as words: the options it named (a later one of the same name wins),
 * the switches and the plain arguments. Options it did not name are absent, so that each command
 * applies its own defaults, the ones {@link Defaults} shows in the help.
 */
final class Given {

    private final Map<String, String> values = new HashMap<>();
    private final Set<String> switches = new HashSet<>();
    private final List<String> arguments = new ArrayList<>();

    private Given() {
    }

    /**
     * @param result picocli's parse of one command
     * @return the words it matched, by the options' long names
     */
    static Given of(ParseResult result) {
        Given given = new Given();
        for (OptionSpec option : result.matchedOptions()) {
            if (option.usageHelp() || option.versionHelp()) {
                continue;
            }
            if (option.arity().max() == 0) {
                given.switches.add(option.longestName());
            } else {
                List<String> words = option.stringValues();
                given.values.put(option.longestName(), words.get(words.size() - 1));
            }
        }
        for (PositionalParamSpec positional : result.matchedPositionals()) {
            given.arguments.addAll(positional.stringValues());
        }
        return given;
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
