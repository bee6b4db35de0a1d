package io.cnnhomework.grader.report.allure;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The parts of the Allure 2 result format the grader writes, one record per JSON object, with
 * Allure's field names. Absent ({@code null}) fields are left out of the JSON.
 */
final class AllureModel {

    /** Allure's statuses, in its spelling. */
    static final String PASSED = "passed";
    static final String FAILED = "failed";
    static final String BROKEN = "broken";
    static final String SKIPPED = "skipped";

    /** The only stage the grader writes: it reports after everything has run. */
    static final String FINISHED = "finished";

    private AllureModel() {
    }

    /**
     * One test result, the content of a {@code <uuid>-result.json}.
     *
     * @param uuid unique per file
     * @param historyId the same for the same test across runs, so that Allure shows its history
     * @param testCaseId as historyId: the grader has no parametrised tests
     * @param name the title in the tree
     * @param fullName unique across submissions sharing a results directory
     * @param status passed, failed, broken or skipped
     * @param statusDetails why it is not passed
     * @param stage always {@code finished}
     * @param start epoch milliseconds
     * @param stop epoch milliseconds
     * @param labels suite, feature, tag, ...
     * @param parameters shown as a table and in the report's data
     * @param steps what was checked, in order
     * @param attachments files beside the result
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Result(String uuid, String historyId, String testCaseId, String name, String fullName, String status,
            StatusDetails statusDetails, String stage, long start, long stop, List<Label> labels,
            List<Parameter> parameters, List<Step> steps, List<Attachment> attachments) {
    }

    /**
     * @param message the one-line verdict (and hint)
     * @param trace further detail; its first line names the failure kind, which the categories match
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record StatusDetails(String message, String trace) {
    }

    /**
     * @param name e.g. {@code suite}, {@code feature}, {@code tag}
     * @param value its value
     */
    record Label(String name, String value) {
    }

    /**
     * @param name shown in the parameters table
     * @param value as text
     */
    record Parameter(String name, String value) {
    }

    /**
     * @param name what was done
     * @param status its outcome
     * @param statusDetails why it is not passed, or {@code null}
     * @param stage always {@code finished}
     * @param start epoch milliseconds
     * @param stop epoch milliseconds
     * @param parameters details of the step
     * @param steps nested steps (none)
     * @param attachments files (none)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Step(String name, String status, StatusDetails statusDetails, String stage, long start, long stop,
            List<Parameter> parameters, List<Step> steps, List<Attachment> attachments) {

        /**
         * @param name what was done
         * @param status its outcome
         * @param message why it is not passed, or {@code null}
         * @param time when, epoch milliseconds
         * @param parameters details
         * @return a finished step without children or attachments
         */
        static Step of(String name, String status, String message, long time, List<Parameter> parameters) {
            return new Step(name, status, message == null ? null : new StatusDetails(message, null), FINISHED, time, time,
                    parameters, List.of(), List.of());
        }
    }

    /**
     * @param name the title of the attachment
     * @param source the file's name in the results directory
     * @param type its MIME type, which decides how Allure shows it
     */
    record Attachment(String name, String source, String type) {
    }

    /**
     * An entry of {@code categories.json}.
     *
     * @param name the category's title
     * @param matchedStatuses the statuses it takes
     * @param traceRegex what the trace must match, or {@code null} for anything
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Category(String name, List<String> matchedStatuses, String traceRegex) {
    }
}
