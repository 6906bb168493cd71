package org.synnefo.reactive.astakos;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.synnefo.reactive.astakos.internal.AstakosJson;
import org.synnefo.reactive.astakos.internal.SingleFlightCache;
import org.synnefo.reactive.astakos.internal.UserCatalogCache;
import org.synnefo.reactive.core.ClientOptions;
import org.synnefo.reactive.core.Endpoint;
import org.synnefo.reactive.core.EndpointResolver;
import org.synnefo.reactive.core.ServiceCatalog;
import org.synnefo.reactive.core.SynnefoException;
import org.synnefo.reactive.core.SynnefoHttpException;
import org.synnefo.reactive.core.TokenProvider;
import org.synnefo.reactive.core.UnauthorizedException;
import org.synnefo.reactive.core.http.SynnefoHttpClient;
import org.synnefo.reactive.core.http.SynnefoRequest;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The Astakos client: authentication and the service catalog (identity API), users, quotas, commissions
 * and projects (account API). Immutable and thread-safe; every call is lazy and non-blocking.
 *
 * <pre>{@code
 * AstakosClient astakos = AstakosClient.builder().authUrl("https://accounts.example.org/identity/v2.0")
 *         .token(token).build();
 * astakos.authenticate().subscribe(auth -> System.out.println(auth.userName() + " " + auth.userUuid()));
 * PithosClient pithos = PithosClient.builder().endpoints(astakos).build();
 * }</pre>
 *
 * <p>Caching. Clients derived with {@link #withToken(String)} share the transport and every cache:
 * <ul>
 * <li>authentication results, per token, until shortly before the token expires (at most
 * {@link #MAX_AUTHENTICATION_CACHE_TIME}); concurrent callers share one request, and a failed
 * authentication is not cached;</li>
 * <li>the service catalog, fetched in Astakos' public mode (no token needed, so component tokens work too)
 * and kept for {@link #CATALOG_CACHE_TIME};</li>
 * <li>uuid and display name pairs the server knew; unknown names are asked again each time.</li>
 * </ul>
 * A 401 on a call made with this client's {@link #tokenProvider()} drops the token's cached authentication
 * (unless it was confirmed less than {@link #REAUTHENTICATION_INTERVAL} ago, so that a burst of 401s causes
 * one re-authentication) and authenticates once more; if that succeeds the call is sent once more,
 * otherwise the call's 401 is signalled.
 *
 * <p>Service (component) calls, those whose name starts with {@code getService}, plus commissions, need a
 * component token: use {@code astakos.withToken(componentToken)}.
 */
public final class AstakosClient implements EndpointResolver {

    /** The longest an authentication result is reused without asking the server again: 1 hour. */
    public static final Duration MAX_AUTHENTICATION_CACHE_TIME = Duration.ofHours(1);
    /** How long before its expiry a token's cached authentication is renewed: 1 minute. */
    public static final Duration EXPIRY_MARGIN = Duration.ofMinutes(1);
    /** How long an authentication whose expiry the server did not give is reused: 5 minutes. */
    public static final Duration UNKNOWN_EXPIRY_CACHE_TIME = Duration.ofMinutes(5);
    /**
     * How recent an authentication may be and still survive a 401: 5 seconds. Requests sent before a
     * re-authentication may come back 401 after it; they reuse its result instead of each asking again.
     */
    public static final Duration REAUTHENTICATION_INTERVAL = Duration.ofSeconds(5);
    /** How long the public service catalog is reused: 1 hour. */
    public static final Duration CATALOG_CACHE_TIME = Duration.ofHours(1);

    /** The catalog name of the account API, as Astakos clients look it up. */
    static final String ACCOUNT_SERVICE_NAME = "astakos_account";
    /** The catalog type of the account API. */
    static final String ACCOUNT_SERVICE_TYPE = "account";
    /** The account API version clients speak. */
    static final String ACCOUNT_VERSION = "v1.0";

    private static final String PUBLIC_CATALOG_KEY = "";

    private final Shared shared;
    private final String token;
    private final TokenProvider tokenProvider;
    private final SynnefoHttpClient identity;
    private final SynnefoHttpClient account;

    private AstakosClient(Shared shared, String token) {
        this.shared = shared;
        this.token = token;
        this.tokenProvider = new AstakosTokenProvider(this);
        this.identity = SynnefoHttpClient.create("identity", shared.authUrl, tokenProvider, shared.options);
        this.account = SynnefoHttpClient.create("account", shared.accountUrl, tokenProvider, shared.options);
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A client for another token that shares this one's transport, options and caches (several users or a
     * user and a component at once).
     *
     * @param token the token
     * @return the client
     */
    public AstakosClient withToken(String token) {
        return new AstakosClient(shared, Objects.requireNonNull(token, "token"));
    }

    /** @return the identity URL this client authenticates against, e.g. {@code https://host/identity/v2.0} */
    public String authUrl() {
        return shared.authUrl;
    }

    // ------------------------------------------------------------------------------------------------
    // Identity

    /**
     * Authenticates this client's token ({@code POST /tokens} with {@code {"auth":{"token":{"id":...}}}}).
     * The result is cached per token until shortly before expiry and shared by concurrent subscribers.
     *
     * @return the result; an {@link UnauthorizedException} naming the auth URL (never the token) when the
     *         server rejects the token
     */
    public Mono<AuthenticationResult> authenticate() {
        return requireToken().flatMap(shared.authentications::get);
    }

    /**
     * Authenticates this client's token scoped to a tenant ({@code "tenantName"}, which Astakos accepts only
     * when it is the user's uuid), bypassing the cache.
     *
     * @param tenantName the tenant name (the user's uuid)
     * @return the result
     */
    public Mono<AuthenticationResult> authenticate(String tenantName) {
        Objects.requireNonNull(tenantName, "tenantName");
        return requireToken().flatMap(t -> shared.authenticateRemote(t, tenantName));
    }

    /**
     * The authenticated user, with the default project ({@code access.token.tenant.id}); cached like
     * {@link #authenticate()}.
     *
     * @return the user
     */
    public Mono<UserInfo> getUserInfo() {
        return authenticate().map(AuthenticationResult::user);
    }

    /**
     * Validates an OAuth2 access token ({@code GET /tokens/<id>[?belongsTo=scope]}); a token that is
     * unknown, expired or outside the scope gives a {@code NotFoundException}.
     *
     * @param tokenId the access token
     * @param belongsTo the scope, or {@code null}
     * @return the token information as received
     */
    public Mono<JsonNode> validateToken(String tokenId, String belongsTo) {
        Objects.requireNonNull(tokenId, "tokenId");
        return identity.retrieveJson(SynnefoRequest.get("tokens", tokenId).query("belongsTo", belongsTo)
                .expect(200).operation("validateToken"));
    }

    /**
     * The full service catalog, fetched in Astakos' public mode ({@code POST /tokens} without a body), so no
     * valid user token is needed. Cached for {@link #CATALOG_CACHE_TIME}.
     *
     * @return the catalog
     */
    public Mono<ServiceCatalog> getEndpoints() {
        return shared.catalogs.get(PUBLIC_CATALOG_KEY);
    }

    /**
     * The API root URL of a service type, with the {@code SNF:exposeVersion} rule applied (e.g.
     * {@code .../cyclades/network} listed with exposeVersion false gives {@code .../cyclades/network/v2.0}).
     *
     * @param serviceType the catalog type, e.g. {@code compute}, {@code object-store}, {@code network}
     * @return the URL; a {@link SynnefoException} when the catalog lists no such type
     */
    public Mono<String> getEndpointUrl(String serviceType) {
        Objects.requireNonNull(serviceType, "serviceType");
        return getEndpoints().flatMap(c -> c.apiUrl(serviceType).map(Mono::just)
                .orElseGet(() -> Mono.error(new SynnefoException("the service catalog of " + shared.authUrl
                        + " lists no endpoint of type '" + serviceType + "'"))));
    }

    /** {@inheritDoc} Same as {@link #getEndpointUrl(String)}. */
    @Override
    public Mono<String> endpointUrl(String serviceType) {
        return getEndpointUrl(serviceType);
    }

    /**
     * The token provider of this client: it supplies the token and, on a 401, re-authenticates once.
     *
     * @return the provider
     */
    @Override
    public TokenProvider tokenProvider() {
        return tokenProvider;
    }

    /** @return the options this client (and service clients built from it) use */
    @Override
    public ClientOptions clientOptions() {
        return shared.options;
    }

    // ------------------------------------------------------------------------------------------------
    // Users

    /**
     * The display names of users ({@code POST user_catalogs} with {@code {"uuids": [...]}}), asking the
     * server only for uuids not cached yet, in one request.
     *
     * @param uuids the uuids
     * @return uuid to display name, in the given order; unknown uuids are absent
     */
    public Mono<Map<String, String>> getUsernames(Collection<String> uuids) {
        return lookup(uuids, true);
    }

    /**
     * The uuids of users by display name ({@code POST user_catalogs} with {@code {"displaynames": [...]}}),
     * asking the server only for names not cached yet, in one request.
     *
     * @param displayNames the display names (e-mail addresses on most deployments)
     * @return display name to uuid, in the given order; unknown names are absent
     */
    public Mono<Map<String, String>> getUuids(Collection<String> displayNames) {
        return lookup(displayNames, false);
    }

    /**
     * @param uuid a user uuid
     * @return the display name; empty when the server knows no such user
     */
    public Mono<String> getUsername(String uuid) {
        Objects.requireNonNull(uuid, "uuid");
        return getUsernames(List.of(uuid)).flatMap(m -> Mono.justOrEmpty(m.get(uuid)));
    }

    /**
     * @param displayName a display name
     * @return the uuid; empty when the server knows no such user
     */
    public Mono<String> getUuid(String displayName) {
        Objects.requireNonNull(displayName, "displayName");
        return getUuids(List.of(displayName)).flatMap(m -> Mono.justOrEmpty(m.get(displayName)));
    }

    /**
     * Display names through the service catalog ({@code POST service/user_catalogs}, component token), not
     * cached.
     *
     * @param uuids the uuids
     * @return uuid to display name
     */
    public Mono<Map<String, String>> getServiceUsernames(Collection<String> uuids) {
        return userCatalogs(List.of("service", "user_catalogs"), List.copyOf(uuids), null, "getServiceUsernames")
                .map(n -> AstakosJson.map(n.get("uuid_catalog"), JsonNode::asText));
    }

    /**
     * Uuids through the service catalog ({@code POST service/user_catalogs}, component token), not cached.
     *
     * @param displayNames the display names
     * @return display name to uuid
     */
    public Mono<Map<String, String>> getServiceUuids(Collection<String> displayNames) {
        return userCatalogs(List.of("service", "user_catalogs"), null, List.copyOf(displayNames), "getServiceUuids")
                .map(n -> AstakosJson.map(n.get("displayname_catalog"), JsonNode::asText));
    }

    /**
     * Sets the caller's default project ({@code POST myaccount/default_project}) and drops the cached
     * authentication, whose default project is now stale.
     *
     * @param projectId the project uuid
     * @return completion
     */
    public Mono<Void> setDefaultProject(String projectId) {
        Objects.requireNonNull(projectId, "projectId");
        return account.send(SynnefoRequest.post("myaccount", "default_project")
                .jsonBody(Map.of("project_id", projectId)).expect(200, 204).operation("setDefaultProject"))
                .doOnSuccess(v -> invalidateAuthentication());
    }

    /**
     * Sends feedback to the operators ({@code POST feedback}, form fields {@code feedback_msg} and
     * {@code feedback_data}).
     *
     * @param message the message
     * @param data extra data, or {@code null}
     * @return completion
     */
    public Mono<Void> sendFeedback(String message, String data) {
        Objects.requireNonNull(message, "message");
        String form = "feedback_msg=" + URLEncoder.encode(message, StandardCharsets.UTF_8) + "&feedback_data="
                + URLEncoder.encode(data == null ? "" : data, StandardCharsets.UTF_8);
        return account.send(SynnefoRequest.post("feedback")
                .body(form.getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded")
                .expect(200, 204).operation("sendFeedback"));
    }

    // ------------------------------------------------------------------------------------------------
    // Resources and quotas

    /**
     * The resources quotas are counted in ({@code GET resources}, no token needed).
     *
     * @return resource name to resource, in the server's order
     */
    public Mono<Map<String, Resource>> getResources() {
        return account.retrieveJson(SynnefoRequest.get("resources").expect(200).operation("getResources"))
                .map(n -> requireObject(n, "resources")).map(n -> {
                    Map<String, Resource> out = new LinkedHashMap<>();
                    n.fields().forEachRemaining(f -> out.put(f.getKey(), Resource.fromJson(f.getKey(), f.getValue())));
                    return java.util.Collections.unmodifiableMap(out);
                });
    }

    /**
     * The caller's quotas ({@code GET quotas}): for every project the caller is a member of, every
     * resource's usage, limit and pending amount, for the caller and for the project.
     *
     * @return project id to resource name to quota
     */
    public Mono<Map<String, Map<String, Quota>>> getQuotas() {
        return account.retrieveJson(SynnefoRequest.get("quotas").expect(200).operation("getQuotas"))
                .map(n -> quotasByProject(requireObject(n, "quotas")));
    }

    /**
     * Every user's quotas as a service sees them ({@code GET service_quotas}, component token).
     *
     * @param users only these user uuids, or {@code null}/empty for all (an unknown user gives a
     *        {@code NotFoundException})
     * @param projects only these project ids, or {@code null}/empty for all
     * @return user uuid to project id to resource name to quota
     */
    public Mono<Map<String, Map<String, Map<String, Quota>>>> getServiceQuotas(Collection<String> users,
            Collection<String> projects) {
        return account.retrieveJson(SynnefoRequest.get("service_quotas").query("user", joined(users))
                .query("project", joined(projects)).expect(200).operation("getServiceQuotas"))
                .map(n -> AstakosJson.map(requireObject(n, "service quotas"), AstakosClient::quotasByProject));
    }

    /**
     * Projects' own quotas as a service sees them ({@code GET service_project_quotas}, component token).
     *
     * @param projects only these project ids, or {@code null}/empty for all
     * @return project id to resource name to project quota
     */
    public Mono<Map<String, Map<String, ProjectQuota>>> getServiceProjectQuotas(Collection<String> projects) {
        return account.retrieveJson(SynnefoRequest.get("service_project_quotas").query("project", joined(projects))
                .expect(200).operation("getServiceProjectQuotas"))
                .map(n -> AstakosJson.map(requireObject(n, "service project quotas"),
                        p -> AstakosJson.map(p, ProjectQuota::fromJson)));
    }

    // ------------------------------------------------------------------------------------------------
    // Commissions (component token)

    /**
     * Issues a commission ({@code POST commissions}). Over the limit the server answers 413, signalled as an
     * {@code OverLimitException}; an unknown holder gives a {@code NotFoundException}.
     *
     * @param request the commission
     * @return its serial
     */
    public Mono<Long> issueCommission(CommissionRequest request) {
        Objects.requireNonNull(request, "request");
        return account.retrieveJson(SynnefoRequest.post("commissions").jsonBody(request.toJson()).expect(201)
                .operation("issueCommission")).map(n -> {
                    JsonNode serial = requireObject(n, "commission").get("serial");
                    if (serial == null || !serial.canConvertToLong()) {
                        throw malformed("commission", "no serial");
                    }
                    return serial.asLong();
                });
    }

    /**
     * The serials of the caller's pending commissions ({@code GET commissions}).
     *
     * @return the serials
     */
    public Mono<List<Long>> getPendingCommissions() {
        return account.retrieveJson(SynnefoRequest.get("commissions").expect(200).operation("getPendingCommissions"))
                .map(n -> CommissionResolution.serials(requireArray(n, "pending commissions")));
    }

    /**
     * A pending commission ({@code GET commissions/<serial>}); an unknown serial gives a
     * {@code NotFoundException}.
     *
     * @param serial the serial
     * @return the commission
     */
    public Mono<CommissionInfo> getCommission(long serial) {
        return account.retrieveJson(SynnefoRequest.get("commissions", Long.toString(serial)).expect(200)
                .operation("getCommission")).map(n -> CommissionInfo.fromJson(requireObject(n, "commission")));
    }

    /**
     * Accepts a pending commission ({@code POST commissions/<serial>/action} {@code {"accept": ""}}).
     *
     * @param serial the serial
     * @return completion; a {@code NotFoundException} when there is no such pending commission
     */
    public Mono<Void> acceptCommission(long serial) {
        return commissionAction(serial, "accept");
    }

    /**
     * Rejects a pending commission ({@code POST commissions/<serial>/action} {@code {"reject": ""}}).
     *
     * @param serial the serial
     * @return completion; a {@code NotFoundException} when there is no such pending commission
     */
    public Mono<Void> rejectCommission(long serial) {
        return commissionAction(serial, "reject");
    }

    /**
     * Accepts and rejects several pending commissions at once ({@code POST commissions/action}).
     *
     * @param accept serials to accept
     * @param reject serials to reject
     * @return what was accepted, rejected and what failed
     */
    public Mono<CommissionResolution> resolveCommissions(Collection<Long> accept, Collection<Long> reject) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accept", accept == null ? List.of() : List.copyOf(accept));
        body.put("reject", reject == null ? List.of() : List.copyOf(reject));
        return account.retrieveJson(SynnefoRequest.post("commissions", "action").jsonBody(body).expect(200)
                .operation("resolveCommissions"))
                .map(n -> CommissionResolution.fromJson(requireObject(n, "commission resolution")));
    }

    // ------------------------------------------------------------------------------------------------
    // Projects

    /**
     * The projects the caller may see ({@code GET projects}).
     *
     * @return the projects
     */
    public Flux<Project> listProjects() {
        return listProjects(ProjectFilter.all());
    }

    /**
     * The projects the caller may see, filtered ({@code GET projects?state=&owner=&name=&mode=}); an
     * unknown state or mode gives a {@code BadRequestException}.
     *
     * @param filter the filter
     * @return the projects
     */
    public Flux<Project> listProjects(ProjectFilter filter) {
        Objects.requireNonNull(filter, "filter");
        return account.retrieveJson(SynnefoRequest.get("projects")
                .query("state", filter.state() == null ? null : filter.state().value()).query("owner", filter.owner())
                .query("name", filter.name()).query("mode", filter.mode()).expect(200).operation("listProjects"))
                .flatMapIterable(n -> parseList(requireArray(n, "projects"), Project::fromJson));
    }

    /**
     * A project ({@code GET projects/<id>}): {@code NotFoundException} when unknown,
     * {@code ForbiddenException} when not visible to the caller.
     *
     * @param projectId the project uuid
     * @return the project
     */
    public Mono<Project> getProject(String projectId) {
        Objects.requireNonNull(projectId, "projectId");
        return account.retrieveJson(SynnefoRequest.get("projects", projectId).expect(200).operation("getProject"))
                .map(n -> Project.fromJson(requireObject(n, "project")));
    }

    /**
     * Applies for a new project ({@code POST projects}); it stays {@code uninitialized} until an
     * administrator approves the application.
     *
     * @param application the application (name and end date required)
     * @return the project id and the application id
     */
    public Mono<ProjectCreated> createProject(ProjectApplication application) {
        Objects.requireNonNull(application, "application");
        return account.retrieveJson(SynnefoRequest.post("projects").jsonBody(application.toJson()).expect(201)
                .operation("createProject")).map(n -> ProjectCreated.fromJson(requireObject(n, "project creation")));
    }

    /**
     * Applies for a modification of a project ({@code PUT projects/<id>}), sending only the fields set.
     *
     * @param projectId the project uuid
     * @param changes the fields to change
     * @return the project id and the new application id
     */
    public Mono<ProjectCreated> modifyProject(String projectId, ProjectApplication changes) {
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(changes, "changes");
        // A modification is a new application each time: never repeat it on its own.
        return account.retrieveJson(SynnefoRequest.put("projects", projectId).jsonBody(changes.toJson())
                .idempotent(false).expect(201).operation("modifyProject"))
                .map(n -> ProjectCreated.fromJson(requireObject(n, "project modification")));
    }

    /**
     * Suspends a project (administrators).
     *
     * @param projectId the project uuid
     * @param reason the reason, or {@code null}
     * @return completion
     */
    public Mono<Void> suspendProject(String projectId, String reason) {
        return projectAction(projectId, "suspend", reason, null);
    }

    /**
     * Resumes a suspended project (administrators).
     *
     * @param projectId the project uuid
     * @param reason the reason, or {@code null}
     * @return completion
     */
    public Mono<Void> unsuspendProject(String projectId, String reason) {
        return projectAction(projectId, "unsuspend", reason, null);
    }

    /**
     * Terminates a project (administrators).
     *
     * @param projectId the project uuid
     * @param reason the reason, or {@code null}
     * @return completion
     */
    public Mono<Void> terminateProject(String projectId, String reason) {
        return projectAction(projectId, "terminate", reason, null);
    }

    /**
     * Reinstates a terminated project (administrators).
     *
     * @param projectId the project uuid
     * @param reason the reason, or {@code null}
     * @return completion
     */
    public Mono<Void> reinstateProject(String projectId, String reason) {
        return projectAction(projectId, "reinstate", reason, null);
    }

    /**
     * Approves an application (administrators; the owner gets a {@code ForbiddenException}).
     *
     * @param projectId the project uuid
     * @param applicationId the application id
     * @param reason the reason, or {@code null}
     * @return completion
     */
    public Mono<Void> approveApplication(String projectId, long applicationId, String reason) {
        return projectAction(projectId, "approve", reason, applicationId);
    }

    /**
     * Denies an application (administrators).
     *
     * @param projectId the project uuid
     * @param applicationId the application id
     * @param reason the reason, or {@code null}
     * @return completion
     */
    public Mono<Void> denyApplication(String projectId, long applicationId, String reason) {
        return projectAction(projectId, "deny", reason, applicationId);
    }

    /**
     * Dismisses a denied application (the applicant).
     *
     * @param projectId the project uuid
     * @param applicationId the application id
     * @param reason the reason, or {@code null}
     * @return completion
     */
    public Mono<Void> dismissApplication(String projectId, long applicationId, String reason) {
        return projectAction(projectId, "dismiss", reason, applicationId);
    }

    /**
     * Cancels a pending application (the applicant).
     *
     * @param projectId the project uuid
     * @param applicationId the application id
     * @param reason the reason, or {@code null}
     * @return completion
     */
    public Mono<Void> cancelApplication(String projectId, long applicationId, String reason) {
        return projectAction(projectId, "cancel", reason, applicationId);
    }

    /**
     * Asks to join a project ({@code POST projects/memberships} {@code {"join": {"project": id}}}).
     *
     * @param projectId the project uuid
     * @return the membership id
     */
    public Mono<Long> joinProject(String projectId) {
        Objects.requireNonNull(projectId, "projectId");
        return membershipsPost(Map.of("join", Map.of("project", projectId)), "joinProject");
    }

    /**
     * Enrolls a user in a project by e-mail (the project owner;
     * {@code {"enroll": {"project": id, "user": email}}}).
     *
     * @param projectId the project uuid
     * @param email the user's e-mail
     * @return the membership id
     */
    public Mono<Long> enrollMember(String projectId, String email) {
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(email, "email");
        return membershipsPost(Map.of("enroll", Map.of("project", projectId, "user", email)), "enrollMember");
    }

    /**
     * The memberships the caller may see: their own and those of the projects they own.
     *
     * @return the memberships
     */
    public Flux<Membership> listMemberships() {
        return listMemberships(null);
    }

    /**
     * The memberships of one project the caller may see ({@code GET projects/memberships?project=}).
     *
     * @param projectId the project uuid, or {@code null} for all projects
     * @return the memberships
     */
    public Flux<Membership> listMemberships(String projectId) {
        return account.retrieveJson(SynnefoRequest.get("projects", "memberships").query("project", projectId)
                .expect(200).operation("listMemberships"))
                .flatMapIterable(n -> parseList(requireArray(n, "memberships"), Membership::fromJson));
    }

    /**
     * A membership ({@code GET projects/memberships/<id>}).
     *
     * @param membershipId the membership id
     * @return the membership
     */
    public Mono<Membership> getMembership(long membershipId) {
        return account.retrieveJson(SynnefoRequest.get("projects", "memberships", Long.toString(membershipId))
                .expect(200).operation("getMembership")).map(n -> Membership.fromJson(requireObject(n, "membership")));
    }

    /**
     * Accepts a membership request (the project owner).
     *
     * @param membershipId the membership id
     * @param reason the reason, or {@code null}
     * @return completion
     */
    public Mono<Void> acceptMembership(long membershipId, String reason) {
        return membershipAction(membershipId, "accept", reason);
    }

    /**
     * Rejects a membership request (the project owner).
     *
     * @param membershipId the membership id
     * @param reason the reason, or {@code null}
     * @return completion
     */
    public Mono<Void> rejectMembership(long membershipId, String reason) {
        return membershipAction(membershipId, "reject", reason);
    }

    /**
     * Removes a member (the project owner).
     *
     * @param membershipId the membership id
     * @param reason the reason, or {@code null}
     * @return completion
     */
    public Mono<Void> removeMembership(long membershipId, String reason) {
        return membershipAction(membershipId, "remove", reason);
    }

    /**
     * Cancels one's own pending membership request.
     *
     * @param membershipId the membership id
     * @param reason the reason, or {@code null}
     * @return completion
     */
    public Mono<Void> cancelMembership(long membershipId, String reason) {
        return membershipAction(membershipId, "cancel", reason);
    }

    /**
     * Leaves a project (membership action {@code leave}).
     *
     * @param membershipId the caller's membership id
     * @param reason the reason, or {@code null}
     * @return completion
     */
    public Mono<Void> leaveProject(long membershipId, String reason) {
        return membershipAction(membershipId, "leave", reason);
    }

    @Override
    public String toString() {
        return "AstakosClient[" + shared.authUrl + ", token=" + (token == null ? "none" : "<redacted>") + "]";
    }

    // ------------------------------------------------------------------------------------------------
    // Internals

    /** Drops this client's cached authentication so the next call asks the server. */
    void invalidateAuthentication() {
        if (token != null) {
            shared.authentications.invalidate(token);
        }
    }

    private Mono<String> requireToken() {
        return token == null
                ? Mono.error(new IllegalStateException("this AstakosClient has no token; use withToken(token)"))
                : Mono.just(token);
    }

    private Mono<Map<String, String>> lookup(Collection<String> keys, boolean byUuid) {
        Objects.requireNonNull(keys, "keys");
        List<String> wanted = List.copyOf(new LinkedHashSet<>(keys));
        return Mono.defer(() -> {
            Map<String, String> hits = byUuid ? shared.users.namesOf(wanted) : shared.users.uuidsOf(wanted);
            List<String> missing = wanted.stream().filter(k -> !hits.containsKey(k)).toList();
            if (missing.isEmpty()) {
                return Mono.just(Map.copyOf(hits)).map(m -> ordered(wanted, m));
            }
            return userCatalogs(List.of("user_catalogs"), byUuid ? missing : null, byUuid ? null : missing,
                    byUuid ? "getUsernames" : "getUuids").map(n -> {
                        Map<String, String> uuidCatalog = AstakosJson.map(n.get("uuid_catalog"), JsonNode::asText);
                        Map<String, String> nameCatalog =
                                AstakosJson.map(n.get("displayname_catalog"), JsonNode::asText);
                        shared.users.merge(uuidCatalog, nameCatalog);
                        Map<String, String> all = new LinkedHashMap<>(hits);
                        Map<String, String> fetched = byUuid ? uuidCatalog : nameCatalog;
                        for (String k : missing) {
                            String v = fetched.get(k);
                            if (v != null) {
                                all.put(k, v);
                            }
                        }
                        return ordered(wanted, all);
                    });
        });
    }

    private static Map<String, String> ordered(List<String> order, Map<String, String> values) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String k : order) {
            String v = values.get(k);
            if (v != null) {
                out.put(k, v);
            }
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    private Mono<JsonNode> userCatalogs(List<String> path, List<String> uuids, List<String> names, String op) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("uuids", uuids == null ? List.of() : uuids);
        body.put("displaynames", names == null ? List.of() : names);
        // A lookup changes nothing on the server, so it may be retried like a GET.
        return account.retrieveJson(SynnefoRequest.post(path.toArray(String[]::new)).jsonBody(body).idempotent(true)
                .expect(200).operation(op)).map(n -> requireObject(n, "user catalogs"));
    }

    private Mono<Void> commissionAction(long serial, String action) {
        return account.send(SynnefoRequest.post("commissions", Long.toString(serial), "action")
                .jsonBody(Map.of(action, "")).expect(200).operation(action + "Commission"));
    }

    private Mono<Void> projectAction(String projectId, String action, String reason, Long applicationId) {
        Objects.requireNonNull(projectId, "projectId");
        Map<String, Object> data = new LinkedHashMap<>();
        // The server reads "reason" (kamaki sends "reasons" for application actions, which the server ignores).
        data.put("reason", reason == null ? "" : reason);
        if (applicationId != null) {
            data.put("app_id", applicationId);
        }
        return account.send(SynnefoRequest.post("projects", projectId, "action").jsonBody(Map.of(action, data))
                .expect(200, 204).operation(action + (applicationId == null ? "Project" : "Application")));
    }

    private Mono<Void> membershipAction(long membershipId, String action, String reason) {
        return account.send(SynnefoRequest.post("projects", "memberships", Long.toString(membershipId), "action")
                .jsonBody(Map.of(action, reason == null ? "" : reason)).expect(200, 204)
                .operation(action + "Membership"));
    }

    private Mono<Long> membershipsPost(Map<String, Object> body, String op) {
        return account.retrieveJson(SynnefoRequest.post("projects", "memberships").jsonBody(body).expect(200, 201)
                .operation(op)).map(n -> {
                    JsonNode id = requireObject(n, "membership").get("id");
                    if (id == null || !id.canConvertToLong()) {
                        throw malformed("membership", "no id");
                    }
                    return id.asLong();
                });
    }

    private static Map<String, Map<String, Quota>> quotasByProject(JsonNode node) {
        return AstakosJson.map(node, p -> AstakosJson.map(p, Quota::fromJson));
    }

    private static <T> List<T> parseList(JsonNode array, java.util.function.Function<JsonNode, T> parse) {
        List<T> out = new ArrayList<>(array.size());
        for (JsonNode e : array) {
            out.add(parse.apply(e));
        }
        return out;
    }

    private static String joined(Collection<String> values) {
        return values == null || values.isEmpty() ? null : String.join(",", values);
    }

    static JsonNode requireObject(JsonNode n, String what) {
        if (n == null || !n.isObject()) {
            throw malformed(what, "expected a JSON object");
        }
        return n;
    }

    static JsonNode requireArray(JsonNode n, String what) {
        if (n == null || !n.isArray()) {
            throw malformed(what, "expected a JSON array");
        }
        return n;
    }

    static SynnefoException malformed(String what, String why) {
        return new SynnefoException("malformed " + what + " response from Astakos: " + why);
    }

    static String accountUrl(ServiceCatalog catalog) {
        List<Endpoint> byName = catalog.endpoints().stream()
                .filter(e -> ACCOUNT_SERVICE_NAME.equals(e.serviceName())).toList();
        List<Endpoint> candidates = byName.isEmpty() ? catalog.endpoints(ACCOUNT_SERVICE_TYPE) : byName;
        Optional<Endpoint> chosen = candidates.stream().filter(e -> ACCOUNT_VERSION.equals(e.versionId())).findFirst()
                .or(() -> candidates.stream().findFirst());
        return chosen.map(Endpoint::apiUrl).orElse(null);
    }

    /** What clients derived with {@link #withToken} share. */
    private static final class Shared {
        final String authUrl;
        final ClientOptions options;
        final Clock clock;
        final SynnefoHttpClient publicIdentity;
        final SingleFlightCache<String, AuthenticationResult> authentications;
        final SingleFlightCache<String, ServiceCatalog> catalogs;
        final Mono<String> accountUrl;
        final UserCatalogCache users = new UserCatalogCache();

        Shared(String authUrl, ClientOptions options, Clock clock) {
            this.authUrl = authUrl;
            this.options = options;
            this.clock = clock;
            // Authentication carries the token in the body; no X-Auth-Token header is needed or sent.
            this.publicIdentity = SynnefoHttpClient.create("identity", authUrl, TokenProvider.none(), options);
            this.authentications = new SingleFlightCache<>(t -> authenticateRemote(t, null), this::authExpiry, clock);
            this.catalogs = new SingleFlightCache<>(k -> fetchPublicCatalog(),
                    c -> clock.instant().plus(CATALOG_CACHE_TIME), clock);
            this.accountUrl = catalogs.get(PUBLIC_CATALOG_KEY).flatMap(c -> {
                String url = accountUrl(c);
                return url != null ? Mono.just(url)
                        : Mono.error(new SynnefoException("the service catalog of " + authUrl
                                + " lists no account endpoint (" + ACCOUNT_SERVICE_NAME + ")"));
            });
        }

        Instant authExpiry(AuthenticationResult r) {
            Instant now = clock.instant();
            Instant cap = now.plus(MAX_AUTHENTICATION_CACHE_TIME);
            if (r.expires() == null) {
                return now.plus(UNKNOWN_EXPIRY_CACHE_TIME);
            }
            Instant renew = r.expires().minus(EXPIRY_MARGIN);
            return renew.isBefore(cap) ? renew : cap;
        }

        Mono<AuthenticationResult> authenticateRemote(String token, String tenantName) {
            Map<String, Object> auth = new LinkedHashMap<>();
            auth.put("token", Map.of("id", token));
            if (tenantName != null) {
                auth.put("tenantName", tenantName);
            }
            // Authenticating twice is harmless, so transient failures may be retried.
            return publicIdentity.retrieveJson(SynnefoRequest.post("tokens").jsonBody(Map.of("auth", auth))
                    .idempotent(true).expect(200).operation("authenticate"))
                    .switchIfEmpty(Mono.error(() -> malformed("authentication", "empty body")))
                    .map(n -> {
                        try {
                            return AuthenticationResult.fromJson(requireObject(n, "authentication"));
                        } catch (IllegalArgumentException e) {
                            throw malformed("authentication", e.getMessage());
                        }
                    })
                    .onErrorMap(SynnefoHttpException.class, e -> redact(e, token));
        }

        Mono<ServiceCatalog> fetchPublicCatalog() {
            // Public mode: an empty POST answers with the catalog only.
            return publicIdentity.retrieveJson(SynnefoRequest.post("tokens").body(new byte[0], null)
                    .idempotent(true).expect(200).operation("getEndpoints"))
                    .switchIfEmpty(Mono.error(() -> malformed("service catalog", "empty body")))
                    .map(n -> {
                        JsonNode sc = requireObject(n, "service catalog").path("access").get("serviceCatalog");
                        if (sc == null || !sc.isArray()) {
                            throw malformed("service catalog", "no access.serviceCatalog array");
                        }
                        return ServiceCatalog.fromJson(sc);
                    });
        }
    }

    /**
     * Rebuilds an HTTP exception so that its text cannot contain the token even if a server echoed it;
     * the URL (the auth URL) stays, so the caller sees where authentication failed.
     */
    static SynnefoHttpException redact(SynnefoHttpException e, String token) {
        String msg = scrub(e.faultMessage(), token);
        String details = scrub(e.details(), token);
        String fault = e.faultName().map(f -> scrub(f, token)).orElse(null);
        SynnefoHttpException out = SynnefoHttpException.of(e.status(), fault, msg, details, e.method(),
                scrub(e.url(), token), e.retryAfter().orElse(null));
        out.setStackTrace(e.getStackTrace());
        return out;
    }

    private static String scrub(String s, String token) {
        return s == null || token == null || token.isEmpty() ? s : s.replace(token, "<redacted>");
    }

    /** Supplies the client's token; on a 401 drops the cached authentication and re-authenticates once. */
    private static final class AstakosTokenProvider implements TokenProvider {
        private final AstakosClient client;

        AstakosTokenProvider(AstakosClient client) {
            this.client = client;
        }

        @Override
        public Mono<String> token() {
            return client.token == null ? Mono.empty() : Mono.just(client.token);
        }

        @Override
        public Mono<String> refresh(String rejectedToken) {
            if (client.token == null || !client.token.equals(rejectedToken)) {
                return Mono.empty();
            }
            client.shared.authentications.invalidateIfOlderThan(rejectedToken, REAUTHENTICATION_INTERVAL);
            // A token that authenticates again is worth one more try (a stale server-side cache, a token
            // renewed under the same id); one the identity service rejects too is really invalid, and the
            // caller then sees the original 401.
            return client.shared.authentications.get(rejectedToken).map(AuthenticationResult::tokenId)
                    .onErrorResume(e -> Mono.empty());
        }

        @Override
        public String toString() {
            return "AstakosTokenProvider[token=<redacted>]";
        }
    }

    /** Builds an {@link AstakosClient}. */
    public static final class Builder {
        private String authUrl;
        private String token;
        private ClientOptions options = ClientOptions.defaults();
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * @param url the identity endpoint, e.g. {@code https://accounts.example.org/identity/v2.0}
         * @return this
         */
        public Builder authUrl(String url) {
            Objects.requireNonNull(url, "url");
            this.authUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
            return this;
        }

        /**
         * @param token the user (or component) token; optional for public calls such as
         *        {@link #getEndpoints()} and {@link #getResources()}
         * @return this
         */
        public Builder token(String token) {
            this.token = token;
            return this;
        }

        /**
         * @param options the shared options (transport, resilience, observability); default
         *        {@link ClientOptions#defaults()}
         * @return this
         */
        public Builder options(ClientOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /** The clock cache expiry is measured with; for tests. */
        Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** @return the client */
        public AstakosClient build() {
            if (authUrl == null || authUrl.isBlank()) {
                throw new IllegalStateException("authUrl is required");
            }
            return new AstakosClient(new Shared(authUrl, options, clock), token);
        }
    }
}
