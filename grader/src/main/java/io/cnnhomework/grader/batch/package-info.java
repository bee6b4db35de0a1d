/**
 * The instructor's batch mode: many submissions, each unpacked (archives as students' tools make
 * them), compiled in a compiler process, checked against the bytecode policy and run in its own
 * child JVM, one gradebook row each, written so that nothing is lost when a submission or the
 * grader itself dies, and resumable. Whatever a stage of one submission throws is that
 * submission's row; reports for students and for staff are written apart.
 */
package io.cnnhomework.grader.batch;
