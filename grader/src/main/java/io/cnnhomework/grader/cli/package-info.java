/**
 * The command line. {@code grade} grades one submission, a folder or a zip, in this JVM (exit 0
 * when everything passes, 1 when anything fails); {@code batch} grades a directory of submissions,
 * each in its own child JVM, into a gradebook (exit 0 when the batch completed, whatever the
 * grades); {@code train} trains a submission's own network; {@code merge} combines the gradebooks
 * of shards; {@code handout} writes the student handout
 * ({@link io.cnnhomework.grader.handout.Handout}) from the course repository. Exit 2 on a usage,
 * input, reference-data or handout error, printed as one line naming the file.
 *
 * <p>picocli parses the words ({@code Commands}) and prints the help and the usage errors from the
 * {@code usage} bundles, English or Russian by {@code --lang}; each command's record
 * ({@code GradeCommand}, ...) validates the values and applies the defaults {@code Defaults} shows.
 */
package io.cnnhomework.grader.cli;
