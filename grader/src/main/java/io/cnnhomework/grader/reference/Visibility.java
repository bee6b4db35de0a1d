package io.cnnhomework.grader.reference;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Locale;

/**
 * Who may see a reference set's expected values ({@code "visibility"} in {@code MANIFEST.json}).
 * The exporter writes {@code public} for the set handed out with the template and {@code private}
 * for a hidden set ({@code export_reference.py --private}) and for the seed fixtures: what reaches
 * a student from a batch against a private set must not carry its expected values.
 */
public enum Visibility {

    /** The handout's set: its curves and tensors are in every student's copy anyway. */
    PUBLIC,

    /** A hidden set: a submission that saw its expected values could copy them. */
    PRIVATE;

    /** @return the manifest's spelling, {@code public} or {@code private} */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param id the manifest's value
     * @return the visibility
     * @throws IllegalArgumentException when {@code id} is neither {@code public} nor {@code private}
     */
    @JsonCreator
    public static Visibility fromId(String id) {
        for (Visibility visibility : values()) {
            if (visibility.id().equals(id)) {
                return visibility;
            }
        }
        throw new IllegalArgumentException("visibility \"" + id + "\" is neither \"public\" nor \"private\"");
    }
}
