/**
 * The instructor's batch mode: many submissions, each compiled, checked against the bytecode
 * policy and run in its own child JVM, one gradebook row each, written so that nothing is lost when
 * a submission or the grader itself dies, and resumable.
 */
package io.cnnhomework.grader.batch;
