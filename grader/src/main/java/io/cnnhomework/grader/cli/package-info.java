/**
 * The command line. {@code grade} grades one submission in this JVM (exit 0 when everything
 * passes, 1 when anything fails); {@code batch} grades a directory of submissions, each in its own
 * child JVM, into a gradebook (exit 0 when the batch completed, whatever the grades);
 * {@code merge} combines the gradebooks of shards; {@code handout} writes the student handout
 * ({@link io.cnnhomework.grader.handout.Handout}) from the course repository. Exit 2 on a usage,
 * reference-data or handout error, printed as one line naming the file.
 */
package io.cnnhomework.grader.cli;
