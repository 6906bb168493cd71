package org.synnefo.reactive.emulator.internal.astakos;

import java.util.List;
import org.synnefo.reactive.emulator.EmulatorUser;
import org.synnefo.reactive.emulator.internal.EmulatorContext;
import org.synnefo.reactive.emulator.internal.ProjectDirectory;
import org.synnefo.reactive.emulator.internal.ServiceHandler;

/** Creates the emulated Astakos service handlers. */
public final class AstakosServices {

    private AstakosServices() {
    }

    /**
     * The handlers of this service family, to be mounted by the router. Creates every known user's
     * system project and registers the {@link ProjectRegistry} (also as {@link ProjectDirectory}) in
     * the context. The ledger's default capacities must be set before.
     */
    public static List<ServiceHandler> create(EmulatorContext context) {
        ProjectRegistry registry = new ProjectRegistry(context.state(), context.ledger());
        for (EmulatorUser user : context.state().users()) {
            registry.addSystemProject(user);
        }
        context.register(ProjectRegistry.class, registry);
        context.register(ProjectDirectory.class, registry);
        return List.of(new IdentityService(context.state(), registry),
                new AccountService(context.state(), context.ledger(), registry));
    }
}
