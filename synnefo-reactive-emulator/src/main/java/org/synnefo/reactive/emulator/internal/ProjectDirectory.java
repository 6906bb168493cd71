package org.synnefo.reactive.emulator.internal;

import java.util.Optional;

/**
 * Astakos' view of projects offered to the other service families (registered in
 * {@link EmulatorContext}): Pithos and Cyclades check that the project a resource is assigned or
 * reassigned to exists and that the user may use it, before charging the {@link QuotaLedger}.
 */
public interface ProjectDirectory {

    /** True when a project with this id exists (in any state). */
    boolean exists(String projectId);

    /** True when the project is active and the user is an accepted member of it. */
    boolean isActiveMember(String projectId, String userUuid);

    /** The user's default project (their system project unless they chose another). */
    Optional<String> defaultProject(String userUuid);
}
