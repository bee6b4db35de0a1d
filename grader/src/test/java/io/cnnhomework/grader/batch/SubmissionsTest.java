package io.cnnhomework.grader.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnhomework.grader.submission.SubmissionCompiler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubmissionsTest {

    @TempDir
    Path tmp;

    @Test
    void directoriesAndZipsAreSubmissionsNamedByTheirFile() throws IOException {
        Files.createDirectories(tmp.resolve("bob/homework"));
        Files.write(tmp.resolve("alice.zip"), new byte[0]);
        Files.writeString(tmp.resolve("notes.txt"), "not a submission");
        Files.createDirectories(tmp.resolve(".hidden"));

        List<Submissions.Submission> found = Submissions.list(tmp);

        assertEquals(List.of("alice", "bob"), found.stream().map(Submissions.Submission::id).toList());
        assertTrue(found.get(0).isArchive());
        assertFalse(found.get(1).isArchive());
    }

    @Test
    void idsAreNfcAndNamesThatOnlyLookAlikeAreRefusedNamingBoth() throws IOException {
        Files.createDirectories(tmp.resolve("caf\u00e9"));
        Files.createDirectories(tmp.resolve("cafe\u0301"));

        IOException e = assertThrows(IOException.class, () -> Submissions.list(tmp));

        assertEquals(tmp + ": submissions share a student id: cafe\u0301 (cafe\\u0301) and caf\u00e9 (caf\\u00e9); rename or remove one"
                + " of each", e.getMessage());
    }

    @Test
    void anNfdFolderNameBecomesAnNfcId() throws IOException {
        Files.createDirectories(tmp.resolve("Zo\u0308e"));

        assertEquals(List.of("Z\u00f6e"), Submissions.list(tmp).stream().map(Submissions.Submission::id).toList());
    }

    @Test
    void sourceRootIsFoundInTheUsualLayouts() throws IOException {
        Path plain = Files.createDirectories(tmp.resolve("plain/homework"));
        Path maven = Files.createDirectories(tmp.resolve("maven/src/main/java/homework"));
        Path repo = Files.createDirectories(tmp.resolve("repo/student-template/src/main/java/homework"));
        Path wrapped = Files.createDirectories(tmp.resolve("wrapped/my-homework/src/main/java/homework"));

        assertEquals(plain.getParent(), SubmissionCompiler.sourceRoot(tmp.resolve("plain")));
        assertEquals(maven.getParent(), SubmissionCompiler.sourceRoot(tmp.resolve("maven")));
        assertEquals(repo.getParent(), SubmissionCompiler.sourceRoot(tmp.resolve("repo")));
        assertEquals(wrapped.getParent(), SubmissionCompiler.sourceRoot(tmp.resolve("wrapped")));
    }
}
