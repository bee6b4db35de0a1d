package io.cnnhomework.grader.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnhomework.grader.Fixtures;
import io.cnnhomework.grader.submission.SourceTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Archives as students make them unpack to the names they see on their own machine, with what
 * their tools add left out and listed; hostile ones are refused with one line naming the entry.
 */
class SubmissionArchiveTest {

    private static final String FOLDER = "Моё домашнее задание";

    @TempDir
    Path tmp;

    private List<String> sourcesOf(Path unpacked) {
        SourceTree tree = SourceTree.of(unpacked);
        return tree.sources().stream().map(file -> unpacked.relativize(file).toString()).toList();
    }

    private static List<String> knownGoodAt(String folder) throws IOException {
        try (Stream<Path> files = Files.list(Fixtures.KNOWN_GOOD.resolve("homework"))) {
            return files.map(file -> folder + "/homework/" + file.getFileName()).sorted().toList();
        }
    }

    @Test
    void windowsExplorersCp866NamesAreDecoded() throws IOException {
        Path zip = Archives.windowsExplorer(Fixtures.KNOWN_GOOD, tmp.resolve("w.zip"), FOLDER);

        List<String> ignored = SubmissionArchive.unpack(zip, tmp.resolve("out"));

        assertEquals(knownGoodAt(FOLDER), sourcesOf(tmp.resolve("out")));
        assertEquals(List.of(), ignored);
    }

    @Test
    void sevenZipsUnicodePathFieldIsUsed() throws IOException {
        Path zip = Archives.sevenZip(Fixtures.KNOWN_GOOD, tmp.resolve("7.zip"), FOLDER);

        SubmissionArchive.unpack(zip, tmp.resolve("out"));

        assertEquals(knownGoodAt(FOLDER), sourcesOf(tmp.resolve("out")));
    }

    @Test
    void cp437NamesOfAWesternToolAreDecoded() throws IOException {
        Path zip = Archives.cp437(Fixtures.KNOWN_GOOD, tmp.resolve("c.zip"), "Café Müller");

        SubmissionArchive.unpack(zip, tmp.resolve("out"));

        assertEquals(knownGoodAt("Café Müller"), sourcesOf(tmp.resolve("out")));
    }

    @Test
    void macFindersNfdNamesBecomeNfcAndItsMetadataIsLeftOutAndListed() throws IOException {
        Path zip = Archives.macFinder(Fixtures.KNOWN_GOOD, tmp.resolve("m.zip"), FOLDER);

        List<String> ignored = SubmissionArchive.unpack(zip, tmp.resolve("out"));

        assertEquals(knownGoodAt(FOLDER), sourcesOf(tmp.resolve("out")));
        assertEquals(List.of("__MACOSX/", FOLDER + "/.DS_Store"), ignored);
        assertFalse(Files.exists(tmp.resolve("out/__MACOSX")));
    }

    @Test
    void backslashesSeparateFolders() throws IOException {
        Path zip = Archives.backslashes(Fixtures.KNOWN_GOOD, tmp.resolve("b.zip"), FOLDER);

        SubmissionArchive.unpack(zip, tmp.resolve("out"));

        assertEquals(knownGoodAt(FOLDER), sourcesOf(tmp.resolve("out")));
    }

    @Test
    void aSymbolicLinkIsNotUnpackedButListed() throws IOException {
        Path zip = Archives.withSymlink(Fixtures.KNOWN_GOOD, tmp.resolve("l.zip"), "hw");

        List<String> ignored = SubmissionArchive.unpack(zip, tmp.resolve("out"));

        assertEquals(List.of("hw/homework/Link.java"), ignored);
        assertFalse(Files.exists(tmp.resolve("out/hw/homework/Link.java")));
    }

    @Test
    void aNameWithANulByteIsRefusedInOneLine() throws IOException {
        Path zip = Archives.withExtraEntry(Fixtures.KNOWN_GOOD, tmp.resolve("nul.zip"), "hw", "hw/homework/Conv\u0000.java");

        IOException e = assertThrows(SubmissionArchive.UnreadableArchiveException.class,
                () -> SubmissionArchive.unpack(zip, tmp.resolve("out")));

        assertEquals("nul.zip has an entry whose name holds a control character: hw/homework/Conv\\u0000.java", e.getMessage());
    }

    @Test
    void zipEntryLeavingTheTargetIsRefused() throws IOException {
        Path archive = Archives.withExtraEntry(Fixtures.KNOWN_GOOD, tmp.resolve("evil.zip"), "hw", "../../escaped.txt");

        IOException e = assertThrows(SubmissionArchive.UnreadableArchiveException.class,
                () -> SubmissionArchive.unpack(archive, tmp.resolve("out")));

        assertEquals("evil.zip has an entry outside the archive: ../../escaped.txt", e.getMessage());
        assertFalse(Files.exists(tmp.resolve("escaped.txt")));
    }

    @Test
    void anAbsoluteEntryIsRefused() throws IOException {
        Path zip = Archives.withExtraEntry(Fixtures.KNOWN_GOOD, tmp.resolve("abs.zip"), "hw", "/tmp/planted.txt");

        IOException e = assertThrows(SubmissionArchive.UnreadableArchiveException.class,
                () -> SubmissionArchive.unpack(zip, tmp.resolve("out")));

        assertEquals("abs.zip has an entry outside the archive: /tmp/planted.txt", e.getMessage());
    }

    @Test
    void zipBombIsStoppedAtTheSizeLimit() throws IOException {
        Path archive = tmp.resolve("bomb.zip");
        byte[] zeros = new byte[1024 * 1024];
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(archive))) {
            zip.putNextEntry(new ZipEntry("big.bin"));
            for (int i = 0; i < 60; i++) {
                zip.write(zeros);
            }
            zip.closeEntry();
        }

        IOException e = assertThrows(SubmissionArchive.UnreadableArchiveException.class,
                () -> SubmissionArchive.unpack(archive, tmp.resolve("out")));

        assertEquals("bomb.zip unpacks to more than 50 MB", e.getMessage());
    }

    @Test
    void somethingThatIsNotAZipIsRefused() throws IOException {
        Path zip = Archives.notAZip(tmp.resolve("fake.zip"));

        IOException e = assertThrows(SubmissionArchive.UnreadableArchiveException.class,
                () -> SubmissionArchive.unpack(zip, tmp.resolve("out")));

        assertTrue(e.getMessage().startsWith("fake.zip is not a readable zip archive: "), e.getMessage());
    }

    @Test
    void plausibilityPrefersRussianToBoxDrawingAndMixedScripts() {
        byte[] cp866 = {(byte) 0x84, (byte) 0xae, (byte) 0xac, (byte) 0xa0, (byte) 0xe8, (byte) 0xaa, (byte) 0xa0};
        byte[] cp437 = {'C', 'a', 'f', (byte) 0x82};

        assertEquals("Домашка", ZipNames.guess(cp866));
        assertEquals("Café", ZipNames.guess(cp437));
    }
}
