/**
 * The student handout: a standalone Maven project, the student's own repository, whose root is the
 * homework. It holds the stubs, the template's grading test, the public reference set, the Maven
 * Wrapper, {@code scripts/allure-report}, the CI workflow, a README in Russian and English, and a
 * file-based Maven repository ({@code lib/maven-repo}) with the student-api and grader jars and
 * flattened poms, so that it builds with nothing but Maven Central besides. The known-good and
 * known-bad submissions, the exporter, private reference sets and the grader's sources stay out.
 *
 * <p>{@link io.cnnhomework.grader.handout.Handout#write(java.nio.file.Path, java.nio.file.Path)}
 * builds it from the course repository; problems are one-line
 * {@link io.cnnhomework.grader.handout.HandoutException}s.
 */
package io.cnnhomework.grader.handout;
