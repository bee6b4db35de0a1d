/**
 * The grader: loads the PyTorch reference, runs a submission's code exactly as the notebook does,
 * compares what it computed with PyTorch and reports.
 *
 * <p>Packages, one job each; dependencies point down this list and never form a cycle
 * ({@code GraderArchitectureTest} holds both rules):
 *
 * <ul>
 *   <li>{@code cli} — the command line ({@code grade}, {@code batch}, {@code train}, {@code merge},
 *       {@code handout});
 *   <li>{@code api} — the stable facade the student's own tests call;
 *   <li>{@code dashboard} — the class dashboard made from a batch's files;
 *   <li>{@code batch}, {@code handout} — the instructor's batch and gradebook; the student handout;
 *   <li>{@code similarity} — every pair of submissions compared with JPlag, the template's stubs as base code;
 *   <li>{@code report} — console table, JSON, Allure results and plots, feedback pages, the
 *       Classroom reporter's JSON;
 *   <li>{@code grading} — the verdicts: what a submission receives ({@code ExerciseInputs}),
 *       comparisons with PyTorch, tolerances, mistake diagnosis, scores;
 *   <li>{@code isolation} — running student code in a child JVM, and the protocol to it;
 *   <li>{@code reference} — reading the exporter's ONNX, CSV and manifest;
 *   <li>{@code exercise} — running student code: the notebook's loops and the layer cases on
 *       inputs only, time limits, the jobs and outcomes that cross to the child JVM;
 *   <li>{@code submission}, {@code policy}, {@code messages} — compiling and loading student code
 *       and describing its failures; the bytecode policy; ru/en messages.
 * </ul>
 *
 * <p>The trust boundary is a package boundary: {@code exercise} and {@code isolation}, the code
 * that runs student work, depend on nothing that holds an expected value ({@code grading},
 * {@code reference}, {@code report}, ...). Inputs cross to student code; what PyTorch measured
 * never does. Submissions compile against the student API alone and see none of this.
 */
package io.cnnhomework.grader;
