package org.synnefo.reactive.cyclades.image;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.synnefo.reactive.core.ServiceClientBuilder;
import org.synnefo.reactive.core.http.SynnefoHttpClient;
import org.synnefo.reactive.core.http.SynnefoRequest;
import org.synnefo.reactive.cyclades.internal.Json;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The Plankton image API ({@code /image/v1.0}, catalog type {@code image}, Glance v1-like): register a
 * Pithos file as an image, list, read, update and unregister images, and manage who they are shared with.
 * Images are described by {@code X-Image-Meta-*} headers, not JSON; names and properties are URL-quoted on
 * the way out and unquoted on the way in. The reactive counterpart of kamaki's {@code ImageClient}.
 *
 * <p>Immutable and thread-safe. Registration (POST) is never retried automatically.
 */
public final class ImageClient {

    /** Catalog type of the image service. */
    public static final String SERVICE_TYPE = "image";

    private final SynnefoHttpClient http;

    private ImageClient(SynnefoHttpClient http) {
        this.http = http;
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param http the HTTP client of the image endpoint
     * @return a client over it
     */
    public static ImageClient of(SynnefoHttpClient http) {
        return new ImageClient(Objects.requireNonNull(http));
    }

    /** @return the underlying HTTP client */
    public SynnefoHttpClient httpClient() {
        return http;
    }

    /**
     * Lists the images the caller may use (own, shared with them, and public), with details.
     *
     * @return the images
     */
    public Flux<Image> listPublic() {
        return listPublic(ImageListOptions.defaults());
    }

    /**
     * Lists the images the caller may use (kamaki's {@code list_public}).
     *
     * @param options detail, filters and ordering
     * @return the images
     */
    public Flux<Image> listPublic(ImageListOptions options) {
        SynnefoRequest r = options.detail() ? SynnefoRequest.get("images", "detail") : SynnefoRequest.get("images");
        for (Map.Entry<String, String> f : options.filters().entrySet()) {
            if (f.getValue() != null && !f.getValue().isEmpty()) {
                r = r.query(f.getKey(), f.getValue());
            }
        }
        r = r.query("sort_key", options.sortKey())
                .query("sort_dir", options.ascending() == null ? null : options.ascending() ? "asc" : "desc")
                .expect(200).operation("listImages");
        return http.retrieveJson(r).flatMapIterable(n -> Json.list(n.path("images"), Image::fromJson));
    }

    /**
     * Reads an image's metadata ({@code HEAD /images/<id>}).
     *
     * @param imageId the image id
     * @return the image; {@code NotFoundException} when unknown
     */
    public Mono<Image> getMeta(String imageId) {
        return http.exchange(SynnefoRequest.head("images", imageId).expect(200).operation("getImageMeta"))
                .map(r -> Image.fromHeaders(r.headers()));
    }

    /**
     * Registers a Pithos file as an image.
     *
     * @param registration name, location, formats and properties
     * @return the registered image
     */
    public Mono<Image> register(ImageRegistration registration) {
        SynnefoRequest r = registration.apply(SynnefoRequest.post("images"))
                .idempotent(false).expect(200, 201).operation("registerImage");
        return http.exchange(r).map(resp -> Image.fromHeaders(resp.headers()));
    }

    /**
     * Updates an image (a partial update; properties are merged).
     *
     * @param imageId the image id
     * @param update what to change
     * @return the image as updated
     */
    public Mono<Image> updateImage(String imageId, ImageUpdate update) {
        SynnefoRequest r = update.apply(SynnefoRequest.put("images", imageId))
                .body(new byte[0], null).expect(200).operation("updateImage");
        return http.exchange(r).map(resp -> Image.fromHeaders(resp.headers()));
    }

    /**
     * Unregisters an image: Plankton forgets it, the Pithos file stays.
     *
     * @param imageId the image id
     * @return completion
     */
    public Mono<Void> unregister(String imageId) {
        return http.send(SynnefoRequest.delete("images", imageId).expect(204).operation("unregisterImage"));
    }

    /**
     * @param imageId the image id
     * @return the users the image is shared with
     */
    public Flux<ImageMember> listMembers(String imageId) {
        return http.retrieveJson(SynnefoRequest.get("images", imageId, "members").expect(200)
                .operation("listImageMembers")).flatMapIterable(n -> Json.list(n.path("members"), ImageMember::fromJson));
    }

    /**
     * @param memberId a user uuid
     * @return the images that user shares with the caller
     */
    public Flux<SharedImage> listShared(String memberId) {
        return http.retrieveJson(SynnefoRequest.get("shared-images", memberId).expect(200)
                        .operation("listSharedImages"))
                .flatMapIterable(n -> Json.list(n.path("shared_images"), SharedImage::fromJson));
    }

    /**
     * Shares an image with a user.
     *
     * @param imageId the image id
     * @param memberId the user's uuid
     * @return completion
     */
    public Mono<Void> addMember(String imageId, String memberId) {
        return http.send(SynnefoRequest.put("images", imageId, "members", memberId).body(new byte[0], null)
                .expect(204, 200).operation("addImageMember"));
    }

    /**
     * Stops sharing an image with a user.
     *
     * @param imageId the image id
     * @param memberId the user's uuid
     * @return completion
     */
    public Mono<Void> removeMember(String imageId, String memberId) {
        return http.send(SynnefoRequest.delete("images", imageId, "members", memberId).expect(204, 200)
                .operation("removeImageMember"));
    }

    /**
     * Replaces the list of users an image is shared with (the public flag is kept).
     *
     * @param imageId the image id
     * @param memberIds the users' uuids
     * @return completion
     */
    public Mono<Void> setMembers(String imageId, List<String> memberIds) {
        ObjectNode body = Json.object();
        ArrayNode m = body.putArray("memberships");
        memberIds.forEach(id -> m.addObject().put("member_id", id));
        return http.send(SynnefoRequest.put("images", imageId, "members").jsonBody(body).expect(204, 200)
                .operation("setImageMembers"));
    }

    @Override
    public String toString() {
        return "ImageClient[" + http + "]";
    }

    /** Builds a {@link ImageClient}: {@code endpoint(url)} and {@code token(..)}, or {@code endpoints(astakos)}. */
    public static final class Builder extends ServiceClientBuilder<Builder> {

        private Builder() {
        }

        /** @return the client */
        public ImageClient build() {
            return new ImageClient(httpClient("image", SERVICE_TYPE));
        }
    }
}
