package org.synnefo.reactive.astakos;

/**
 * Filters of a project listing; {@code null} components are not sent. Start from {@link #all()}.
 *
 * <pre>{@code
 * astakos.listProjects(ProjectFilter.all().withState(ProjectState.ACTIVE).memberOnly())
 * }</pre>
 *
 * @param state only projects in this state
 * @param owner only projects of this owner (uuid)
 * @param name only projects with this name
 * @param mode {@code default} (the projects you may see) or {@code member} (only those you are an active
 *        member of); {@code null} means the server default
 */
public record ProjectFilter(ProjectState state, String owner, String name, String mode) {

    private static final ProjectFilter ALL = new ProjectFilter(null, null, null, null);

    /** @return no filter: every project the caller may see */
    public static ProjectFilter all() {
        return ALL;
    }

    /** @param value the state @return a copy filtering on it */
    public ProjectFilter withState(ProjectState value) {
        return new ProjectFilter(value, owner, name, mode);
    }

    /** @param value the owner's uuid @return a copy filtering on it */
    public ProjectFilter withOwner(String value) {
        return new ProjectFilter(state, value, name, mode);
    }

    /** @param value the project name @return a copy filtering on it */
    public ProjectFilter withName(String value) {
        return new ProjectFilter(state, owner, value, mode);
    }

    /** @param value the listing mode ({@code default} or {@code member}) @return a copy with it */
    public ProjectFilter withMode(String value) {
        return new ProjectFilter(state, owner, name, value);
    }

    /** @return a copy listing only the projects the caller is an active member of ({@code mode=member}) */
    public ProjectFilter memberOnly() {
        return withMode("member");
    }
}
