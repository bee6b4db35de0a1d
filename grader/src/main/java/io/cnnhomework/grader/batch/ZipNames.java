package io.cnnhomework.grader.batch;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.List;
import java.util.zip.CRC32;
import org.apache.commons.compress.archivers.zip.UnicodePathExtraField;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipExtraField;

/**
 * Decodes a zip entry's name as the tool that wrote it meant it. The zip format stores names as
 * bytes: UTF-8 when the entry's language-encoding flag (bit 11) is set, otherwise in whatever the
 * writer used. Windows' built-in zip and 7-Zip on a Russian machine write CP866 without the flag
 * (7-Zip adds the UTF-8 name in a Unicode Path extra field, {@code 0x7075}), macOS writes UTF-8
 * without the flag, older Western tools CP437, and some Windows tools separate folders with
 * backslashes.
 *
 * <p>In order: the flag (strict UTF-8); the Unicode Path field when the CRC-32 of the stored name
 * matches (a stale field left by a renaming tool does not); otherwise the most plausible of strict
 * UTF-8, CP866 and CP437, preferred in that order on a tie. Then NFC (macOS writes NFD) and
 * {@code \} as {@code /}.
 */
final class ZipNames {

    private static final Charset CP866 = Charset.forName("IBM866");
    private static final Charset CP437 = Charset.forName("IBM437");
    /** The legacy encodings tried for a name without the UTF-8 flag, in order of preference on a tie. */
    private static final List<Charset> GUESSES = List.of(StandardCharsets.UTF_8, CP866, CP437);

    private ZipNames() {
    }

    /**
     * @param entry an entry as Commons Compress read it, with its raw name bytes
     * @return its name: NFC, folders separated by {@code /}
     */
    static String decode(ZipArchiveEntry entry) {
        byte[] raw = entry.getRawName();
        if (raw == null) {
            return normalise(entry.getName());
        }
        if (entry.getGeneralPurposeBit().usesUTF8ForNames()) {
            String name = strict(raw, StandardCharsets.UTF_8);
            if (name != null) {
                return normalise(name);
            }
        }
        ZipExtraField extra = entry.getExtraField(UnicodePathExtraField.UPATH_ID);
        if (extra instanceof UnicodePathExtraField unicode && unicode.getUnicodeName() != null) {
            CRC32 crc = new CRC32();
            crc.update(raw);
            String name = crc.getValue() == unicode.getNameCRC32() ? strict(unicode.getUnicodeName(), StandardCharsets.UTF_8) : null;
            if (name != null) {
                return normalise(name);
            }
        }
        return normalise(guess(raw));
    }

    /**
     * @param raw a name's bytes without a declared encoding
     * @return the most plausible decoding (see {@link #plausibility(String)})
     */
    static String guess(byte[] raw) {
        String best = null;
        int bestScore = Integer.MIN_VALUE;
        for (Charset charset : GUESSES) {
            String name = strict(raw, charset);
            if (name != null) {
                int score = plausibility(name);
                if (score > bestScore) {
                    best = name;
                    bestScore = score;
                }
            }
        }
        // CP437 maps every byte, so something always decodes
        return best == null ? new String(raw, CP437) : best;
    }

    /**
     * How much a decoded name looks like what people name folders and files: Russian and Western
     * European letters count for it; other scripts' letters (the Greek of CP437's upper half, the
     * CJK of bytes that happen to be valid UTF-8), symbols and box drawing count against it, and so
     * does a word that mixes Latin and Cyrillic letters ({@code CafВ}: CP437's é read as CP866).
     */
    static int plausibility(String name) {
        int score = 0;
        for (String word : name.split("[^\\p{L}]+")) {
            boolean latin = false;
            boolean cyrillic = false;
            for (int i = 0; i < word.length(); i++) {
                char c = word.charAt(i);
                if (c < 0x80) {
                    latin = true;
                } else if (isRussian(c)) {
                    cyrillic = true;
                    score += 2;
                } else if (c >= 0xC0 && c <= 0x17F) {
                    latin = true;
                    score += 2;
                } else {
                    score -= 1;
                }
            }
            if (latin && cyrillic) {
                score -= 8;
            }
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 0x80 && !Character.isLetter(c)) {
                score -= 3;
            }
        }
        return score;
    }

    private static boolean isRussian(char c) {
        return (c >= '\u0410' && c <= '\u044F') || c == '\u0401' || c == '\u0451';
    }

    private static String strict(byte[] bytes, Charset charset) {
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static String normalise(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFC).replace('\\', '/');
    }
}
