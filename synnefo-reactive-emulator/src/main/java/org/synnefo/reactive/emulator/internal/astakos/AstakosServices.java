package org.synnefo.reactive.emulator.internal.astakos;

import java.util.List;
import org.synnefo.reactive.emulator.internal.EmulatorContext;
import org.synnefo.reactive.emulator.internal.ServiceHandler;

/** Creates the emulated Astakos service handlers. */
public final class AstakosServices {

    private AstakosServices() {
    }

    /** The handlers of this service family, to be mounted by the router. */
    public static List<ServiceHandler> create(EmulatorContext context) {
        return List.of();
    }
}
