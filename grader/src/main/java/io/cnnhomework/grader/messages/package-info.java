/**
 * Messages to students, in Russian and English. The grader's core never builds sentences: it
 * returns {@link io.cnnhomework.grader.messages.Text} values (a bundle key and its arguments),
 * and the reports render them in the chosen language from the {@code messages} resource bundles.
 */
package io.cnnhomework.grader.messages;
