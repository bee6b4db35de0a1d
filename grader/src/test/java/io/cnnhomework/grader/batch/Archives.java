package io.cnnhomework.grader.batch;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * Zips a submission's tree the way students' tools do, byte for byte in the fields that matter:
 * the name bytes, the UTF-8 flag (bit 11), the Unicode Path extra field, the separators, and
 * what the tool adds beside the files.
 */
final class Archives {

    /** The first bytes of a macOS AppleDouble file ({@code ._Conv.java}). */
    private static final byte[] APPLE_DOUBLE = {0x00, 0x05, 0x16, 0x07, 0x00, 0x02, 0x00, 0x00, 'M', 'a', 'c', ' ', 'O', 'S', ' ', 'X'};

    private Archives() {
    }

    /**
     * Windows Explorer's "Send to › Compressed folder" on a Russian machine: names in the OEM code
     * page CP866, no UTF-8 flag, no Unicode Path field.
     */
    static Path windowsExplorer(Path tree, Path zip, String folder) throws IOException {
        return legacy(tree, zip, folder, "Cp866", ZipArchiveOutputStream.UnicodeExtraFieldPolicy.NEVER);
    }

    /** 7-Zip 21.02 and later: CP866 names, no flag, and the UTF-8 name in a Unicode Path field (0x7075). */
    static Path sevenZip(Path tree, Path zip, String folder) throws IOException {
        return legacy(tree, zip, folder, "Cp866", ZipArchiveOutputStream.UnicodeExtraFieldPolicy.ALWAYS);
    }

    /** An old Western tool: CP437 names, no flag. */
    static Path cp437(Path tree, Path zip, String folder) throws IOException {
        return legacy(tree, zip, folder, "Cp437", ZipArchiveOutputStream.UnicodeExtraFieldPolicy.NEVER);
    }

    /**
     * macOS Finder's "Compress": UTF-8 names in NFD without the flag, and for every file an
     * AppleDouble {@code ._name} under {@code __MACOSX/}, and a {@code .DS_Store}.
     */
    static Path macFinder(Path tree, Path zip, String folder) throws IOException {
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(Files.newOutputStream(zip))) {
            out.setEncoding("UTF-8");
            out.setUseLanguageEncodingFlag(false);
            out.setCreateUnicodeExtraFields(ZipArchiveOutputStream.UnicodeExtraFieldPolicy.NEVER);
            out.setFallbackToUTF8(false);
            for (Path file : files(tree)) {
                String name = Normalizer.normalize(folder + "/" + relative(tree, file), Normalizer.Form.NFD);
                put(out, name, Files.readAllBytes(file));
                int slash = name.lastIndexOf('/');
                put(out, "__MACOSX/" + name.substring(0, slash + 1) + "._" + name.substring(slash + 1), APPLE_DOUBLE);
            }
            put(out, Normalizer.normalize(folder, Normalizer.Form.NFD) + "/.DS_Store", new byte[] {0, 0, 0, 1, 'B', 'u', 'd', '1'});
        }
        return zip;
    }

    /**
     * .NET Framework 4.5's {@code ZipFile.CreateFromDirectory} and PowerShell 5.1's
     * {@code Compress-Archive}: UTF-8 names with the flag, folders separated by backslashes.
     */
    static Path backslashes(Path tree, Path zip, String folder) throws IOException {
        // ZipArchiveEntry turns backslashes into slashes itself; java.util.zip writes names verbatim
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (Path file : files(tree)) {
                out.putNextEntry(new ZipEntry((folder + "/" + relative(tree, file)).replace('/', '\\')));
                out.write(Files.readAllBytes(file));
                out.closeEntry();
            }
        }
        return zip;
    }

    /** A plain zip of the tree, as Java and Info-ZIP on Linux write it. */
    static Path plain(Path tree, Path zip, String folder) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (Path file : files(tree)) {
                out.putNextEntry(new ZipEntry(folder + "/" + relative(tree, file)));
                out.write(Files.readAllBytes(file));
                out.closeEntry();
            }
        }
        return zip;
    }

    /** The tree, plus one more entry whose name is written exactly as given (a NUL byte, a path out). */
    static Path withExtraEntry(Path tree, Path zip, String folder, String extraName) throws IOException {
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(Files.newOutputStream(zip))) {
            for (Path file : files(tree)) {
                put(out, folder + "/" + relative(tree, file), Files.readAllBytes(file));
            }
            put(out, extraName, "extra".getBytes(StandardCharsets.UTF_8));
        }
        return zip;
    }

    /** The tree, plus a symbolic link {@code folder/homework/Link.java} to {@code /etc/passwd}, as Info-ZIP stores links. */
    static Path withSymlink(Path tree, Path zip, String folder) throws IOException {
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(Files.newOutputStream(zip))) {
            for (Path file : files(tree)) {
                put(out, folder + "/" + relative(tree, file), Files.readAllBytes(file));
            }
            ZipArchiveEntry link = new ZipArchiveEntry(folder + "/homework/Link.java");
            link.setUnixMode(0120777);
            out.putArchiveEntry(link);
            out.write("/etc/passwd".getBytes(StandardCharsets.UTF_8));
            out.closeArchiveEntry();
        }
        return zip;
    }

    private static Path legacy(Path tree, Path zip, String folder, String encoding, ZipArchiveOutputStream.UnicodeExtraFieldPolicy extra)
            throws IOException {
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(Files.newOutputStream(zip))) {
            out.setEncoding(encoding);
            out.setUseLanguageEncodingFlag(false);
            out.setCreateUnicodeExtraFields(extra);
            out.setFallbackToUTF8(false);
            for (Path file : files(tree)) {
                put(out, folder + "/" + relative(tree, file), Files.readAllBytes(file));
            }
        }
        return zip;
    }

    private static void put(ZipArchiveOutputStream out, String name, byte[] content) throws IOException {
        out.putArchiveEntry(new ZipArchiveEntry(name));
        out.write(content);
        out.closeArchiveEntry();
    }

    private static List<Path> files(Path tree) throws IOException {
        try (Stream<Path> walk = Files.walk(tree)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static String relative(Path tree, Path file) {
        return tree.relativize(file).toString().replace('\\', '/');
    }

    /** Writes bytes that are not a zip at all. */
    static Path notAZip(Path zip) throws IOException {
        try (OutputStream out = Files.newOutputStream(zip)) {
            out.write("PK\u0003\u0004 this is not really a zip archive".getBytes(StandardCharsets.ISO_8859_1));
        }
        return zip;
    }
}
