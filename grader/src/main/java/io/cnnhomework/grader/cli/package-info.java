/**
 * The command line: {@code grader grade --submission DIR [--reference DIR] [--json FILE]
 * [--timeout SEC]}. Exit status 0 when every task passes, 1 when any fails, 2 on a usage or
 * reference-data error, which is printed as one line naming the file.
 */
package io.cnnhomework.grader.cli;
