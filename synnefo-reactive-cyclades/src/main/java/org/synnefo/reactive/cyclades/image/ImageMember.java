package org.synnefo.reactive.cyclades.image;

import com.fasterxml.jackson.databind.JsonNode;
import org.synnefo.reactive.cyclades.internal.Json;

/**
 * A user an image is shared with.
 *
 * @param memberId the user's uuid
 * @param canShare whether the member may share it further (always false in Synnefo)
 */
public record ImageMember(String memberId, boolean canShare) {

    /**
     * @param n a member object
     * @return the member
     */
    public static ImageMember fromJson(JsonNode n) {
        return new ImageMember(Json.text(n, "member_id"), Json.bool(n, "can_share", false));
    }
}
