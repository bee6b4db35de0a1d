package io.cnnhomework.grader.grading;

import io.cnnhomework.grader.exercise.OptimizerChoice;
import java.util.Locale;

/** How much of the optional task to grade. */
public enum OptionalMode {
    /** Not at all. */
    OFF,
    /** The submission's own network with its own optimizer: accuracy, time, parameters. */
    OWN,
    /** That, and the same network with every optimizer of {@link OptimizerChoice#COMPARISON}. */
    COMPARE;

    /**
     * @param value {@code off}, {@code own} or {@code compare}, in any case
     * @return the mode
     * @throws IllegalArgumentException for any other value
     */
    public static OptionalMode parse(String value) {
        for (OptionalMode mode : values()) {
            if (mode.name().equalsIgnoreCase(value)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("--optional takes off, own or compare, not " + value);
    }

    /** @return the name as the command line spells it */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
