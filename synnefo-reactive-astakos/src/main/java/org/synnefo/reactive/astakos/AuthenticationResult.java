package org.synnefo.reactive.astakos;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.synnefo.reactive.astakos.internal.AstakosJson;
import org.synnefo.reactive.core.ServiceCatalog;

/**
 * The answer to an authentication ({@code POST /identity/v2.0/tokens}): the token with its expiry, the
 * user, the default project and the service catalog. {@code toString()} never shows the token.
 *
 * @param tokenId the token as the server knows it ({@code access.token.id})
 * @param expires when the token expires, or {@code null} when the server sent no parsable expiry
 * @param tenantName the name of the default project's tenant ({@code access.token.tenant.name}), possibly empty
 * @param user the user, with the default project
 * @param catalog the service catalog
 * @param raw the whole response body as received
 */
public record AuthenticationResult(String tokenId, Instant expires, String tenantName, UserInfo user,
        ServiceCatalog catalog, JsonNode raw) {

    /** Validates. */
    public AuthenticationResult {
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(raw, "raw");
        tenantName = tenantName == null ? "" : tenantName;
    }

    /**
     * @param body the response body of {@code POST /tokens} with a token
     * @return the result
     * @throws IllegalArgumentException when the body has no {@code access.token.id} or {@code access.user.id}
     */
    public static AuthenticationResult fromJson(JsonNode body) {
        JsonNode access = body.path("access");
        JsonNode token = access.path("token");
        String id = AstakosJson.text(token, "id");
        if (id == null || id.isEmpty() || AstakosJson.text(access.path("user"), "id") == null) {
            throw new IllegalArgumentException("authentication response has no access.token.id or access.user.id");
        }
        return new AuthenticationResult(id, AstakosJson.instant(token, "expires"),
                AstakosJson.text(token.path("tenant"), "name"), UserInfo.fromAccess(access),
                ServiceCatalog.fromJson(access.get("serviceCatalog")), body);
    }

    /** @return the user's uuid */
    public String userUuid() {
        return user.uuid();
    }

    /** @return the user's real name */
    public String userName() {
        return user.name();
    }

    /** @return the user's roles */
    public List<Role> roles() {
        return user.roles();
    }

    /** @return the uuids of the projects the user is an accepted member of */
    public List<String> projects() {
        return user.projects();
    }

    /** @return the default project ({@code access.token.tenant.id}) */
    public String defaultProject() {
        return user.defaultProject();
    }

    /** Redacts the token. */
    @Override
    public String toString() {
        return "AuthenticationResult[user=" + user.uuid() + ", name=" + user.name() + ", expires=" + expires
                + ", defaultProject=" + user.defaultProject() + ", endpoints=" + catalog.endpoints().size()
                + ", token=<redacted>]";
    }
}
